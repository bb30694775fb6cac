import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WORKSPACE_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The export condition through which workspace packages resolve to their TypeScript source. */
export const SOURCE_CONDITION = '@courier/source';

export interface PackageJson {
  name: string;
  version?: string;
  private?: boolean;
  exports?: string | Record<string, string | Record<string, string>>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  engines?: Record<string, string>;
  allowScripts?: Record<string, boolean>;
  nx?: { tags?: string[] };
}

export interface WorkspacePackage {
  dir: string;
  manifest: PackageJson;
  /** The source file its `.` export names for the workspace (`@courier/source`, else the plain export). */
  sourceEntry: string | undefined;
}

export const readPackageJson = (dir: string): PackageJson =>
  JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;

function sourceEntryOf(manifest: PackageJson): string | undefined {
  const dot = typeof manifest.exports === 'string' ? manifest.exports : manifest.exports?.['.'];
  if (typeof dot === 'string') return dot;
  return dot?.[SOURCE_CONDITION];
}

/** Every package of the root's `workspaces` (entries are folders or `folder/*`), by name. */
export function workspacePackages(root: string = WORKSPACE_ROOT): Map<string, WorkspacePackage> {
  const patterns = (readPackageJson(root) as PackageJson & { workspaces: string[] }).workspaces;
  const dirs = patterns.flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [join(root, pattern)];
    const parent = join(root, pattern.slice(0, -2));
    return readdirSync(parent, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join(parent, e.name));
  });
  const byName = new Map<string, WorkspacePackage>();
  for (const dir of dirs.filter((d) => existsSync(join(d, 'package.json')))) {
    const manifest = readPackageJson(dir);
    const entry = sourceEntryOf(manifest);
    byName.set(manifest.name, { dir, manifest, sourceEntry: entry === undefined ? undefined : join(dir, entry) });
  }
  return byName;
}

/** `paths` for a tsconfig in `fromDir` that resolve each workspace package to its source entry. */
export function sourcePaths(packages: Map<string, WorkspacePackage>, fromDir: string): Record<string, string[]> {
  const paths: Record<string, string[]> = {};
  for (const [name, pkg] of packages) {
    if (pkg.sourceEntry !== undefined) paths[name] = [relative(fromDir, pkg.sourceEntry)];
  }
  return paths;
}
