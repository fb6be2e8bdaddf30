/**
 * The one error type of the evidence module. Its own file because the store, the type sniffer and
 * the upload parser all raise it, and the store imports the sniffer: here it sits below all three.
 */

export type EvidenceErrorCode = 'TOO_LARGE' | 'UNSUPPORTED_TYPE' | 'EMPTY_FILE' | 'NOT_FOUND' | 'BAD_REQUEST';

const HTTP_STATUS: Record<EvidenceErrorCode, number> = {
  TOO_LARGE: 413,
  UNSUPPORTED_TYPE: 415,
  EMPTY_FILE: 400,
  NOT_FOUND: 404,
  BAD_REQUEST: 400,
};

/** A problem with an upload or a look-up; `message` is for people (Chinese, then English). */
export class EvidenceError extends Error {
  override readonly name = 'EvidenceError';
  /** The HTTP status an upload/download handler should answer with. */
  readonly httpStatus: number;

  constructor(
    readonly code: EvidenceErrorCode,
    message: string,
  ) {
    super(message);
    this.httpStatus = HTTP_STATUS[code];
  }
}

function sizeText(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} 字节`;
}

// Shared by the store (while streaming) and the upload parser (busboy's own limit), so that both
// refusals read the same.
export function tooLarge(maxBytes: number): EvidenceError {
  const limit = sizeText(maxBytes);
  return new EvidenceError(
    'TOO_LARGE',
    `文件超过大小上限（${limit}）。The file exceeds the size limit of ${limit.replace('字节', 'bytes')}.`,
  );
}

export function badRequest(zh: string, en: string): EvidenceError {
  return new EvidenceError('BAD_REQUEST', `${zh}。${en}.`);
}
