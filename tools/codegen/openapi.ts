/**
 * spec/client-server/*.yaml → generated code (run with tsx from any directory):
 *
 *   tsx tools/codegen/openapi.ts                  write every generated file
 *   tsx tools/codegen/openapi.ts --only api-types write one project's files (api-types | api-client |
 *                                                 server-api-routes)
 *   tsx tools/codegen/openapi.ts --check          generate into a temp dir and compare with the files
 *                                                 on disk; exit 1 naming each file that differs
 *
 * Outputs: libs/shared/api-types/src/generated/{<name>,index}.gen.ts,
 * libs/shared/api-client/src/generated/operations.gen.ts and the server's route table
 * libs/server/api-routes/src/generated/routes.gen.ts. Deterministic: same spec, same bytes.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { renderOperations } from './render-operations';
import { renderRoutes } from './render-routes';
import { renderSpecTypes, renderTypesIndex } from './render-types';
import { assertConsistent, readSpecFiles } from './spec-files';

const SPEC_DIR = 'spec/client-server';
const OUT_DIRS = {
  'api-types': 'libs/shared/api-types/src/generated',
  'api-client': 'libs/shared/api-client/src/generated',
  'server-api-routes': 'libs/server/api-routes/src/generated',
} as const;
type Project = keyof typeof OUT_DIRS;

/** Repo-relative path → file content. */
type Output = Map<string, string>;

async function generate(root: string, projects: Project[]): Promise<Output> {
  const files = readSpecFiles(root, SPEC_DIR);
  assertConsistent(files);
  const out: Output = new Map();
  if (projects.includes('api-types')) {
    for (const f of files) out.set(`${OUT_DIRS['api-types']}/${f.name}.gen.ts`, await renderSpecTypes(f, root));
    out.set(`${OUT_DIRS['api-types']}/index.gen.ts`, renderTypesIndex(files));
  }
  if (projects.includes('api-client')) {
    out.set(`${OUT_DIRS['api-client']}/operations.gen.ts`, renderOperations(files));
  }
  if (projects.includes('server-api-routes')) {
    out.set(`${OUT_DIRS['server-api-routes']}/routes.gen.ts`, renderRoutes(files, root));
  }
  return out;
}

/** `*.gen.ts` files currently on disk in the given projects' generated folders. */
function onDisk(root: string, projects: Project[]): string[] {
  return projects.flatMap((p) => {
    const dir = join(root, OUT_DIRS[p]);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((n) => n.endsWith('.gen.ts'))
      .map((n) => `${OUT_DIRS[p]}/${n}`);
  });
}

function write(root: string, projects: Project[], out: Output): void {
  let changed = 0;
  for (const [rel, content] of out) {
    const abs = join(root, rel);
    if (existsSync(abs) && readFileSync(abs, 'utf8') === content) continue;
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
    console.log(`codegen: wrote ${rel}`);
    changed++;
  }
  for (const rel of onDisk(root, projects).filter((r) => !out.has(r))) {
    unlinkSync(join(root, rel));
    console.log(`codegen: removed stale ${rel}`);
    changed++;
  }
  console.log(`codegen: ${out.size} file(s) checked, ${changed} changed`);
}

function firstDifference(a: string, b: string): string {
  const x = a.split('\n');
  const y = b.split('\n');
  const i = x.findIndex((line, n) => line !== y[n]);
  const n = i === -1 ? x.length : i;
  return `line ${n + 1}: on disk ${JSON.stringify(x[n] ?? '<end of file>')}, expected ${JSON.stringify(y[n] ?? '<end of file>')}`;
}

function check(root: string, projects: Project[], out: Output): boolean {
  const tmp = mkdtempSync(join(tmpdir(), 'courier-codegen-'));
  for (const [rel, content] of out) {
    mkdirSync(dirname(join(tmp, rel)), { recursive: true });
    writeFileSync(join(tmp, rel), content);
  }
  const problems: string[] = [];
  for (const rel of out.keys()) {
    const fresh = readFileSync(join(tmp, rel), 'utf8');
    const abs = join(root, rel);
    if (!existsSync(abs)) problems.push(`${rel}: missing (the spec produces it)`);
    else {
      const current = readFileSync(abs, 'utf8');
      if (current !== fresh) problems.push(`${rel}: out of date, ${firstDifference(current, fresh)}`);
    }
  }
  for (const rel of onDisk(root, projects).filter((r) => !out.has(r))) {
    problems.push(`${rel}: stale (no spec file produces it any more)`);
  }
  if (problems.length === 0) {
    rmSync(tmp, { recursive: true, force: true });
    console.log(`codegen-check: ${out.size} generated file(s) match ${SPEC_DIR}`);
    return true;
  }
  console.error(`codegen-check: generated files do not match ${SPEC_DIR}:`);
  for (const p of problems) console.error(`  - ${p}`);
  console.error(`Fresh output is in ${tmp} (diff -r it against the repo).`);
  console.error('Fix: run `npx nx run-many -t codegen` (or `npm run codegen`) and commit the result.');
  return false;
}

function parseArgs(argv: string[]): { check: boolean; projects: Project[] } {
  let checkMode = false;
  let projects = Object.keys(OUT_DIRS) as Project[];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--check') checkMode = true;
    else if (arg === '--only') {
      const p = argv[++i];
      if (!p || !(p in OUT_DIRS)) throw new Error(`--only takes one of ${Object.keys(OUT_DIRS).join(', ')}, got ${p}`);
      projects = [p as Project];
    } else throw new Error(`unknown argument ${arg}`);
  }
  return { check: checkMode, projects };
}

async function main(): Promise<void> {
  const root = resolve(dirname(process.argv[1] ?? '.'), '../..');
  const args = parseArgs(process.argv.slice(2));
  const out = await generate(root, args.projects);
  if (!args.check) write(root, args.projects, out);
  else if (!check(root, args.projects, out)) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(`codegen: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
