import { ERRCODE_STATUS, type Errcode } from './errcode';

/** Fields a Matrix error body may carry besides `errcode` and `error`. */
export type MatrixErrorExtra = {
  soft_logout?: boolean;
  retry_after_ms?: number;
  [key: string]: unknown;
};

export type MatrixErrorBody = { errcode: string; error: string } & MatrixErrorExtra;

/**
 * Marks every MatrixError, whichever copy of this class made it: each published client package
 * bundles its own copy, and an app using both must still get `true` from `instanceof`.
 */
const MATRIX_ERROR: unique symbol = Symbol.for('@courier/shared-matrix-errors.MatrixError');

/**
 * An error a Matrix client can act on. Anything that is not a MatrixError is an
 * infrastructure failure and must surface as a generic 500 M_UNKNOWN (Synapse's rule:
 * an error that makes no sense to show a client is not a SynapseError).
 */
export class MatrixError extends Error {
  readonly errcode: Errcode;
  readonly status: number;
  readonly extra: MatrixErrorExtra;
  /** Response headers the error implies (e.g. Retry-After on 429). */
  readonly headers: Record<string, string>;
  readonly [MATRIX_ERROR] = true;

  constructor(
    errcode: Errcode,
    message: string,
    options: { status?: number; extra?: MatrixErrorExtra; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    // `cause` is for the logs (the driver error behind a 503); it never reaches the body.
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'MatrixError';
    this.errcode = errcode;
    this.status = options.status ?? ERRCODE_STATUS[errcode];
    this.extra = options.extra ?? {};
    this.headers = options.headers ?? {};
  }

  toBody(): MatrixErrorBody {
    return { ...this.extra, errcode: this.errcode, error: this.message };
  }

  static isMatrixError(value: unknown): value is MatrixError {
    return value instanceof MatrixError;
  }

  /** `instanceof MatrixError` by the brand; subclasses keep the ordinary prototype check. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this !== MatrixError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === 'object' && value !== null && (value as { [MATRIX_ERROR]?: unknown })[MATRIX_ERROR] === true;
  }
}
