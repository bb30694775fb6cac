import { badJson, invalidParam, missingParam } from '@courier/shared-matrix-errors';

/**
 * Refuses NUL in a string that becomes a database key or column: PostgreSQL's text cannot
 * hold it, so it would otherwise fail as a 500 (SQLite would store it and the two would differ).
 */
export function assertNoNul(value: string, what: string): string {
  if (value.includes('\u0000')) throw invalidParam(`${what} must not contain NUL`);
  return value;
}

/**
 * Typed readers for fields of a JSON request body. A field of the wrong type is 400 M_BAD_JSON
 * (Synapse's answer too); JSON `null` counts as absent, as most clients send it that way.
 */
export function optionalString(body: Record<string, unknown>, key: string, maxLength = 512): string | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw badJson(`${key} must be a string`);
  if (v.length > maxLength) throw badJson(`${key} is longer than ${maxLength} characters`);
  return assertNoNul(v, key);
}

export function requiredString(body: Record<string, unknown>, key: string, maxLength = 512): string {
  const v = optionalString(body, key, maxLength);
  if (v === undefined) throw missingParam(`${key} is required`);
  return v;
}

export function optionalBoolean(body: Record<string, unknown>, key: string): boolean | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw badJson(`${key} must be true or false`);
  return v;
}

export function optionalObject(body: Record<string, unknown>, key: string): Record<string, unknown> | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw badJson(`${key} must be a JSON object`);
  return v as Record<string, unknown>;
}
