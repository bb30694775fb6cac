import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { FastifyRequest } from 'fastify';
import type { JsonSchema, RouteSpec } from '@courier/server-api-routes';
import { badJson, invalidParam, missingParam, notJson, unrecognized } from '@courier/shared-matrix-errors';
import { rawBody } from '../../plugins/raw-body.plugin';

/**
 * Request checks at the edge, compiled from the spec's schemas in the route table. Never
 * strips or coerces what a handler gets: bodies and query strings reach it as sent
 * (no removeAdditional, no useDefaults); query values are only coerced on a copy, to check
 * `limit=10` against `type: integer`. Formats (mx-room-id, …) are documentation here; the
 * use cases parse identifiers.
 */
const common = { strict: false, allErrors: false, validateFormats: false, logger: false } as const;
const ajv = new Ajv2020(common);
const coercingAjv = new Ajv2020({ ...common, coerceTypes: true });

const caches = new Map([
  [ajv, new WeakMap<object, ValidateFunction>()],
  [coercingAjv, new WeakMap<object, ValidateFunction>()],
]);
/** One compiled function per schema object and mode; the route table is static, so apps share them. */
function compile(schema: JsonSchema, coercing = false): ValidateFunction {
  const instance = coercing ? coercingAjv : ajv;
  const cache = caches.get(instance);
  const hit = cache?.get(schema);
  if (hit) return hit;
  const fn = instance.compile(schema as object);
  cache?.set(schema, fn);
  return fn;
}

/** Where an error is, as a client would name it: `body.user_id`, `query.limit`. */
function where(prefix: string, e: ErrorObject): string {
  const path = e.instancePath.split('/').filter(Boolean).join('.');
  const missing = e.keyword === 'required' ? (e.params as { missingProperty?: string }).missingProperty : undefined;
  return [prefix, path, missing].filter(Boolean).join('.');
}

function describe(prefix: string, e: ErrorObject): string {
  if (e.keyword === 'required') return `${where(prefix, e)} is required`;
  return `${where(prefix, e)} ${e.message ?? 'is invalid'}`.slice(0, 300);
}

/** Keywords that judge a well-typed value rather than its JSON type, shape or enum. */
const VALUE_KEYWORDS = new Set([
  'pattern', 'format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'multipleOf',
]);

export interface Edge {
  /** Path parameters: "" for those the matched path lacks (an alias); empty segment → 404, NUL → 400. */
  params(raw: unknown, declared: readonly string[]): Record<string, string>;
  /** The query as sent, checked against the spec's query schema. */
  query(raw: unknown): Record<string, unknown>;
  /** The JSON body parsed and checked (undefined for raw-body operations and those without one). */
  body(request: FastifyRequest): Record<string, unknown> | undefined;
}

export function edgeFor(spec: RouteSpec): Edge {
  const paramsCheck = spec.params ? compile(spec.params) : null;
  const queryCheck = spec.query ? compile(spec.query, true) : null;
  const bodyCheck = spec.body && !spec.rawBody ? compile(spec.body) : null;
  const paramNames = Object.keys((spec.params?.['properties'] as object | undefined) ?? {});
  return {
    params(raw, declared) {
      const p = (raw ?? {}) as Record<string, unknown>;
      const out: Record<string, string> = {};
      for (const name of paramNames) {
        if (!declared.includes(name)) {
          out[name] = '';
          continue;
        }
        const v = p[name];
        // Contract §1: an empty segment, or a value that did not decode, is no resource.
        if (typeof v !== 'string' || v.length === 0) throw unrecognized('Unrecognized request');
        // NUL is no part of any Matrix identifier, and PostgreSQL text cannot hold it.
        if (v.includes('\u0000')) throw invalidParam(`${name} must not contain NUL`);
        out[name] = v;
      }
      if (paramsCheck && !paramsCheck(out)) {
        const e = paramsCheck.errors?.[0];
        throw invalidParam(e ? describe('path', e) : 'Invalid path parameter');
      }
      return out;
    },
    query(raw) {
      const q = { ...((raw ?? {}) as Record<string, unknown>) };
      if (queryCheck && !queryCheck({ ...q })) {
        const e = queryCheck.errors?.[0];
        if (e?.keyword === 'required') throw missingParam(describe('query', e));
        throw invalidParam(e ? describe('query', e) : 'Invalid query parameter');
      }
      return q;
    },
    body(request) {
      if (!spec.body || spec.rawBody) return undefined;
      const bytes = rawBody(request);
      if (bytes.length === 0 && !spec.bodyRequired) return {};
      let value: unknown;
      try {
        value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
      } catch {
        throw notJson('Request body is not valid JSON');
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw badJson('Request body must be a JSON object');
      }
      if (bodyCheck && !bodyCheck(value)) {
        const e = bodyCheck.errors?.[0];
        const message = e ? describe('body', e) : 'Request body does not match the schema';
        if (e?.keyword === 'required') throw spec.missingErrcode === 'M_BAD_JSON' ? badJson(message) : missingParam(message);
        // As the use cases have it (validateCreateRoomRequest): a wrong JSON type, a wrong
        // shape or a value outside an enum is a malformed body, M_BAD_JSON; a well-typed value
        // the spec does not allow (pattern, range, length) is M_INVALID_PARAM.
        if (e && VALUE_KEYWORDS.has(e.keyword)) throw invalidParam(message);
        throw badJson(message);
      }
      return value as Record<string, unknown>;
    },
  };
}

/** Compiled response checks, for tests (AppDeps.validateResponses). */
export function responseValidator(schema: JsonSchema): ValidateFunction {
  return compile(schema);
}
