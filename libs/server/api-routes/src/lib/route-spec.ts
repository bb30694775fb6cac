/** A JSON Schema (OpenAPI 3.1 = JSON Schema 2020-12), `$ref`s inlined by the generator. */
export type JsonSchema = { readonly [keyword: string]: unknown };

export type Auth = 'required' | 'optional' | 'none';
export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH' | 'HEAD' | 'OPTIONS' | 'TRACE';

/** One row of the generated route table (routes.gen.ts). */
export interface RouteSpec<A extends Auth = Auth> {
  readonly method: HttpMethod;
  /** Fastify paths (`:param`), every served basePath × the spec path and its aliases. */
  readonly paths: readonly string[];
  readonly auth: A;
  /** `x-courier-raw-body`: the edge neither parses nor validates the body; the handler reads its bytes. */
  readonly rawBody: boolean;
  /** Object schema of the path parameters (null: none). */
  readonly params: JsonSchema | null;
  /** Object schema of the query parameters (null: none declared). */
  readonly query: JsonSchema | null;
  /** Schema of the JSON request body (null: the operation takes none). */
  readonly body: JsonSchema | null;
  /** `requestBody.required`: an empty body is refused instead of read as `{}`. */
  readonly bodyRequired: boolean;
  /**
   * The errcode for a body missing a required key: M_MISSING_PARAM, or M_BAD_JSON where the
   * requestBody says `x-courier-missing-errcode: M_BAD_JSON` (the spec allows either).
   */
  readonly missingErrcode: 'M_MISSING_PARAM' | 'M_BAD_JSON';
  /** Response schema by status ("200", "400", …); null when that response has no JSON body. */
  readonly responses: { readonly [status: string]: JsonSchema | null };
  /** The spec file it comes from. */
  readonly spec: string;
}
