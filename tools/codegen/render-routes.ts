/**
 * Renders libs/server/api-routes/src/generated/routes.gen.ts: the server's route table. For each
 * operationId: its method, every Fastify path it is served at (each basePath of the file's
 * servers[0] enum × the spec path and its `x-courier-aliases`), whether it needs an access
 * token, and the JSON Schemas of its path parameters, query, body and responses, `$ref`s
 * inlined, so the server validates at the edge and the tests validate responses from one source.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parse } from 'yaml';
import { header } from './render-types';
import type { OperationFacts, SpecFile } from './spec-files';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keywords that document a schema and mean nothing to a validator: left out of the table. */
const DOC_KEYWORDS = new Set(['description', 'example', 'examples', 'title']);

class Resolver {
  private readonly docs = new Map<string, Json>();
  constructor(private readonly root: string) {}

  doc(absPath: string): Json {
    let d = this.docs.get(absPath);
    if (d === undefined) {
      d = parse(readFileSync(absPath, 'utf8')) as Json;
      this.docs.set(absPath, d);
    }
    return d;
  }

  /** The node at a `$ref` (`file.yaml`, `file.yaml#/a/b` or `#/a/b`), and the file it is in. */
  private target(ref: string, file: string): { node: Json; file: string } {
    const [path = '', pointer = ''] = ref.split('#');
    const abs = path === '' ? file : join(dirname(file), path);
    let node = this.doc(abs);
    for (const part of pointer.split('/').filter(Boolean)) {
      const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
      node = isObject(node) ? (node[key] ?? null) : Array.isArray(node) ? (node[Number(key)] ?? null) : null;
      if (node === null) throw new Error(`${relative(this.root, file)}: $ref ${ref} does not resolve`);
    }
    return { node, file: abs };
  }

  /** A copy of `node` with every `$ref` inlined (siblings of a `$ref` kept, as OpenAPI 3.1 allows). */
  inline(node: Json, file: string, seen: string[] = []): Json {
    if (Array.isArray(node)) return node.map((n) => this.inline(n, file, seen));
    if (!isObject(node)) return node;
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') {
        const { node: t, file: tf } = this.target(v, file);
        const key = `${tf}#${v.split('#')[1] ?? ''}`;
        if (seen.includes(key)) throw new Error(`${relative(this.root, file)}: $ref ${v} is recursive; the route table cannot inline it`);
        const inlined = this.inline(t, tf, [...seen, key]);
        if (isObject(inlined)) Object.assign(out, inlined);
        continue;
      }
      if (DOC_KEYWORDS.has(k) && typeof v !== 'object') continue;
      if (k.startsWith('x-')) continue;
      out[k] = k === 'properties' && isObject(v) ? mapValues(v, (p) => this.inline(p, file, seen)) : this.inline(v, file, seen);
    }
    return out;
  }
}

const mapValues = (o: JsonObject, f: (v: Json) => Json): JsonObject =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));

/** `{roomId}` → `:roomId`, Fastify's syntax. */
export const fastifyPath = (path: string) => path.replace(/\{([^}]+)\}/g, ':$1');

type Param = { in: string; name: string; required?: boolean; schema?: Json };

function paramsSchema(params: Param[], where: 'path' | 'query'): JsonObject | null {
  const mine = params.filter((p) => p.in === where);
  if (mine.length === 0) return null;
  const required = mine.filter((p) => p.required === true).map((p) => p.name);
  return {
    type: 'object',
    properties: Object.fromEntries(mine.map((p) => [p.name, p.schema ?? {}])),
    ...(required.length > 0 ? { required } : {}),
  };
}

type RouteFacts = {
  method: string;
  paths: string[];
  auth: string;
  rawBody: boolean;
  params: JsonObject | null;
  query: JsonObject | null;
  body: JsonObject | null;
  bodyRequired: boolean;
  missingErrcode: string;
  responses: Record<string, Json>;
  spec: string;
};

function routeFacts(r: Resolver, f: SpecFile, op: OperationFacts): RouteFacts {
  const raw = r.inline(op.raw as JsonObject, f.absPath) as JsonObject;
  const params = (Array.isArray(raw['parameters']) ? raw['parameters'] : []) as unknown as Param[];
  const requestBody = isObject(raw['requestBody']) ? raw['requestBody'] : null;
  const bodySchema = requestBody && isObject(requestBody['content']) ? requestBody['content']['application/json'] : null;
  const responses: Record<string, Json> = {};
  for (const [status, resp] of Object.entries(isObject(raw['responses']) ? raw['responses'] : {})) {
    const content = isObject(resp) && isObject(resp['content']) ? resp['content']['application/json'] : null;
    responses[status] = isObject(content) ? (content['schema'] ?? null) : null;
  }
  const paths = f.basePaths.flatMap((base) => [op.path, ...op.aliases].map((p) => fastifyPath(base + p)));
  return {
    method: op.method.toUpperCase(),
    paths,
    auth: op.auth,
    rawBody: op.rawBody,
    params: paramsSchema(params, 'path'),
    query: paramsSchema(params, 'query'),
    body: isObject(bodySchema) && isObject(bodySchema['schema']) ? bodySchema['schema'] : null,
    bodyRequired: requestBody?.['required'] === true,
    missingErrcode: missingErrcodeOf(f, op),
    responses,
    spec: f.relPath,
  };
}

/** `x-courier-missing-errcode` on a requestBody: the errcode for a missing required key. */
function missingErrcodeOf(f: SpecFile, op: OperationFacts): string {
  const rb = op.raw['requestBody'];
  const v = isObject(rb as Json) ? (rb as JsonObject)['x-courier-missing-errcode'] : undefined;
  if (v === undefined) return 'M_MISSING_PARAM';
  if (v !== 'M_MISSING_PARAM' && v !== 'M_BAD_JSON') {
    throw new Error(`${f.relPath}: ${op.operationId}: x-courier-missing-errcode must be M_MISSING_PARAM or M_BAD_JSON`);
  }
  return v;
}

const js = (v: unknown) => JSON.stringify(v);

export function renderRoutes(files: SpecFile[], root: string): string {
  const r = new Resolver(root);
  const entries = files.flatMap((f) =>
    f.operations.map((op) => {
      const facts = routeFacts(r, f, op);
      return [
        `    ${op.operationId}: {`,
        `        method: ${js(facts.method)},`,
        `        paths: ${js(facts.paths)},`,
        `        auth: ${js(facts.auth)},`,
        `        rawBody: ${js(facts.rawBody)},`,
        `        params: ${js(facts.params)},`,
        `        query: ${js(facts.query)},`,
        `        body: ${js(facts.body)},`,
        `        bodyRequired: ${js(facts.bodyRequired)},`,
        `        missingErrcode: ${js(facts.missingErrcode)},`,
        `        responses: ${js(facts.responses)},`,
        `        spec: ${js(facts.spec)},`,
        '    },',
      ].join('\n');
    }),
  );
  const ids = files.flatMap((f) => f.operations.map((o) => o.operationId));
  const auth = files.flatMap((f) => f.operations.map((o) => `    ${o.operationId}: ${js(o.auth)};`));
  return [
    header('spec/client-server/*.yaml'),
    'import type { JsonSchema, RouteSpec } from "../lib/route-spec";',
    '',
    '/** Every operationId the server serves, in spec order. */',
    `export type RouteOperationId =\n${ids.map((id) => `    | ${js(id)}`).join('\n')};`,
    '',
    '/** Whether each operation needs an access token ("required"), takes one ("optional") or none ("none"). */',
    'export interface RouteAuth {',
    ...auth,
    '}',
    '',
    '/**',
    ' * The server route table: operationId → method, Fastify paths (every served basePath × the spec',
    ' * path and its x-courier-aliases), auth, and the JSON Schemas (refs inlined) of its path',
    ' * parameters, query, JSON body and responses by status.',
    ' */',
    'export const ROUTES: { readonly [K in RouteOperationId]: RouteSpec<RouteAuth[K]> } = {',
    ...entries,
    '};',
    '',
    '/** The Matrix standard error body (definitions/errors/error.yaml): what any error response must fit. */',
    `export const ERROR_SCHEMA: JsonSchema = ${js(r.inline({ $ref: 'definitions/errors/error.yaml' }, join(root, 'spec/client-server/index.yaml')))};`,
    '',
  ].join('\n');
}
