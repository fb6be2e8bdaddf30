/**
 * Errors with stable codes. Top-level GraphQL errors only for the codes below; problems a caller can
 * fix inside a mutation are returned as UserError values in the payload instead.
 */
import { GraphQLError } from 'graphql';

export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  LIMIT_EXCEEDED: 'LIMIT_EXCEEDED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class HubError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
  }
}

export const unauthenticated = (why: string) => new HubError(ErrorCode.UNAUTHENTICATED, why);
export const forbidden = () => new HubError(ErrorCode.FORBIDDEN, 'Not authorised to access this field.');
export const badInput = (message: string, field?: string) =>
  new HubError(ErrorCode.BAD_USER_INPUT, message, field ? { field } : {});

/**
 * A year argument as the tables store years (smallint): anything outside 2000–2100 is a coded input
 * error here rather than a database error (masked INTERNAL_SERVER_ERROR) later.
 */
export function yearArg(year: number, field = 'year'): number {
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw badInput(`"${field}" must be a year between 2000 and 2100`, field);
  return year;
}
