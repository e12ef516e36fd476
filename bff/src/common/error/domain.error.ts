import { MidwayError } from '@midwayjs/core';
import { ErrorCodes, type ErrorCode, type FieldError } from '@dzky/contracts';

/**
 * Every failure a client should understand is a DomainError with a stable code from contracts.
 * The error filter turns it into the envelope with the code's HTTP status.
 */
export class DomainError extends MidwayError {
  readonly errorCode: ErrorCode;
  readonly status: number;
  readonly errors?: FieldError[];
  readonly detail?: Record<string, unknown>;

  constructor(code: ErrorCode, message?: string, opts: { errors?: FieldError[]; detail?: Record<string, unknown> } = {}) {
    super(message ?? ErrorCodes[code].message, code);
    this.name = 'DomainError';
    this.errorCode = code;
    this.status = ErrorCodes[code].status;
    this.errors = opts.errors;
    this.detail = opts.detail;
  }
}

export class ValidationError extends DomainError {
  constructor(errors: FieldError[]) {
    super('VALIDATION_FAILED', errors.map((e) => `${e.field}: ${e.reason}`).join('; '), { errors });
    this.name = 'ValidationError';
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super('NOT_FOUND', `${what} 不存在`);
    this.name = 'NotFoundError';
  }
}

/** An external system refused or failed; `upstream` names it for logs and operators. */
export class UpstreamError extends DomainError {
  constructor(
    readonly upstream: string,
    message: string,
    readonly upstreamCode?: string | number,
  ) {
    super('UPSTREAM_FAILED', `${upstream}: ${message}`, { detail: { upstream, upstreamCode } });
    this.name = 'UpstreamError';
  }
}
