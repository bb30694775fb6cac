/**
 * Reads spec/client-server/*.yaml (top-level files only; `definitions/` holds shared schemas
 * that those files `$ref`) into the facts the renderers need: the file's basePath and every
 * operation with its method, path and path parameters.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type Auth = 'required' | 'optional' | 'none';

export type OperationFacts = {
  operationId: string;
  method: HttpMethod;
  /** As written in the spec: relative to `basePath`. */
  path: string;
  /** In the order they appear in the path template. */
  pathParams: string[];
  auth: Auth;
  /**
   * `x-courier-aliases`: further paths (relative to basePath) where the server answers the same
   * operation, e.g. without a trailing slash; path parameters an alias lacks are the empty string.
   */
  aliases: string[];
  /** `x-courier-raw-body: true`: the handler reads the body's bytes itself (event content). */
  rawBody: boolean;
  /** The operation object as parsed (`$ref`s unresolved). */
  raw: Record<string, unknown>;
};

export type SpecFile = {
  /** File name without `.yaml`, e.g. `room_send`. */
  name: string;
  /** Repo-relative, forward slashes, e.g. `spec/client-server/room_send.yaml`. */
  relPath: string;
  absPath: string;
  basePath: string;
  /**
   * Every basePath the server answers the file's operations under: servers[0]'s basePath
   * `enum` (e.g. v3 and the legacy r0), or just its default.
   */
  basePaths: string[];
  operations: OperationFacts[];
};

type Doc = {
  servers?: { variables?: { basePath?: { default?: string; enum?: unknown[] } } }[];
  security?: Record<string, unknown>[];
  paths?: Record<string, Record<string, unknown> | undefined>;
};

/** Byte-wise order, so the output never depends on the machine's locale. */
export const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function readSpecFiles(root: string, specDir: string): SpecFile[] {
  return readdirSync(join(root, specDir), { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.yaml'))
    .map((e) => e.name)
    .sort(byCodeUnit)
    .map((file) => readSpecFile(root, `${specDir}/${file}`));
}

function readSpecFile(root: string, relPath: string): SpecFile {
  const absPath = join(root, relPath);
  const doc = parse(readFileSync(absPath, 'utf8')) as Doc;
  const basePath = doc.servers?.[0]?.variables?.basePath?.default;
  if (typeof basePath !== 'string' || !basePath.startsWith('/')) {
    throw new Error(`${relPath}: servers[0].variables.basePath.default must be a path such as /_matrix/client/v3`);
  }
  const operations: OperationFacts[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const op = item?.[method] as
        | { operationId?: unknown; security?: Record<string, unknown>[]; 'x-courier-aliases'?: unknown; 'x-courier-raw-body'?: unknown }
        | undefined;
      if (!op) continue;
      if (typeof op.operationId !== 'string' || op.operationId === '') {
        throw new Error(`${relPath}: ${method.toUpperCase()} ${path} has no operationId`);
      }
      operations.push({
        operationId: op.operationId,
        method,
        path,
        pathParams: [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? ''),
        auth: authOf(op.security ?? doc.security),
        aliases: aliasesOf(relPath, op['x-courier-aliases']),
        rawBody: op['x-courier-raw-body'] === true,
        raw: op as Record<string, unknown>,
      });
    }
  }
  if (operations.length === 0) throw new Error(`${relPath}: no operations under paths`);
  const enumValues = doc.servers?.[0]?.variables?.basePath?.enum;
  const basePaths = enumValues === undefined ? [basePath] : enumValues.map(String);
  if (basePaths[0] !== basePath || basePaths.some((b) => !b.startsWith('/'))) {
    throw new Error(`${relPath}: servers[0].variables.basePath.enum must list paths, the default first`);
  }
  return { name: relPath.replace(/^.*\//, '').replace(/\.yaml$/, ''), relPath, absPath, basePath, basePaths, operations };
}

function aliasesOf(relPath: string, value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || !v.startsWith('/'))) {
    throw new Error(`${relPath}: x-courier-aliases must be a list of paths`);
  }
  return value as string[];
}

/** `security` absent: no token; one of the alternatives is `{}`: token optional. */
function authOf(security: Record<string, unknown>[] | undefined): Auth {
  if (!security || security.length === 0) return 'none';
  return security.some((s) => Object.keys(s).length === 0) ? 'optional' : 'required';
}

/** `room_send` → `RoomSend`: the namespace a file's types are exported under. */
export function namespaceOf(name: string): string {
  const ns = name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]?.toUpperCase() + w.slice(1))
    .join('');
  return /^[A-Za-z]/.test(ns) ? ns : `Spec${ns}`;
}

/** Fails on what would make the merged `paths`/`operations` types ambiguous. */
export function assertConsistent(files: SpecFile[]): void {
  const ids = new Map<string, string>();
  const routes = new Map<string, string>();
  const namespaces = new Map<string, string>();
  for (const f of files) {
    const ns = namespaceOf(f.name);
    const clash = namespaces.get(ns);
    if (clash) throw new Error(`${f.relPath} and ${clash} both map to the namespace ${ns}; rename one`);
    namespaces.set(ns, f.relPath);
    for (const op of f.operations) {
      const prev = ids.get(op.operationId);
      if (prev) throw new Error(`operationId ${op.operationId} is declared in both ${prev} and ${f.relPath}`);
      ids.set(op.operationId, f.relPath);
      const route = `${op.method.toUpperCase()} ${f.basePath}${op.path}`;
      const prevRoute = routes.get(route);
      if (prevRoute) throw new Error(`${route} is declared in both ${prevRoute} and ${f.relPath}`);
      routes.set(route, f.relPath);
    }
  }
}
