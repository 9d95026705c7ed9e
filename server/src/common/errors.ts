import { ERRORS, type ErrorCode, type FieldIssue } from '@hongyuan/shared';

/**
 * A rule of the business was broken. Services throw it; the error filter turns it into the
 * envelope `{ ok: false, code, message, issues?, details? }` with the code's HTTP status.
 */
export class DomainError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly extra: { issues?: FieldIssue[]; details?: unknown } = {},
  ) {
    super(message ?? ERRORS[code].message);
    this.status = ERRORS[code].status;
  }
}

export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what}不存在`);
export const duplicate = (message: string, path?: string) =>
  new DomainError('DUPLICATE', message, path ? { issues: [{ path, message }] } : {});
export const forbidden = (message?: string) => new DomainError('FORBIDDEN', message);

/**
 * A field refers to something that does not exist or may not be used (400, on that field).
 * The message is a sentence for a person that names the field in Chinese, never by its key
 * (server/test/field-labels.test.ts checks a few).
 */
export const invalid = (path: string, message: string) => new DomainError('VALIDATION', message, { issues: [{ path, message }] });
