/**
 * The type of an evidence file from its bytes, never from the client's declaration: a browser
 * derives the declared type from the extension, so an .exe renamed to .pdf would pass as a PDF.
 * Fed chunk by chunk as the upload arrives, so a bad file is refused on its first bytes.
 */
import { EvidenceError } from './evidence.errors.js';

export const CONTENT_TYPES = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  txt: 'text/plain; charset=utf-8',
} as const;
export type EvidenceKind = keyof typeof CONTENT_TYPES;

/** The extension a nameless upload is given, so that a download opens in the right program. */
export const DEFAULT_EXTENSION: Record<EvidenceKind, string> = {
  pdf: '.pdf',
  png: '.png',
  jpeg: '.jpg',
  docx: '.docx',
  xlsx: '.xlsx',
  txt: '.txt',
};

// Kept next to `classify` so that the list users are told matches what is accepted.
const ALLOWED_TYPES_TEXT =
  '仅支持 PDF、PNG、JPEG 图片、Word（.docx）、Excel（.xlsx）和 UTF-8 编码的文本文件（.txt）。' +
  'Only PDF, PNG, JPEG, Word (.docx), Excel (.xlsx) and UTF-8 text (.txt) files are accepted.';

function unsupportedType(detail?: string): EvidenceError {
  return new EvidenceError(
    'UNSUPPORTED_TYPE',
    `不支持的文件类型${detail ? `（${detail}）` : ''}：${ALLOWED_TYPES_TEXT}`,
  );
}

function notUtf8Text(): EvidenceError {
  return unsupportedType('文本文件须为 UTF-8 编码，可用记事本“另存为”选择 UTF-8');
}

/** The longest signature below (PNG). */
const SNIFF_BYTES = 8;
const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG_MAGIC = Buffer.from([0xff, 0xd8, 0xff]);
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * The kind of a file from its first bytes. A zip is only accepted under an Office extension: any zip
 * (an archive of executables included) starts with the same four bytes, and .docx/.xlsx is the only
 * reason to accept one. Text has no signature, so it is only considered under .txt and then checked
 * byte by byte as it streams.
 */
function classify(head: Buffer, extension: string): EvidenceKind {
  const starts = (magic: Buffer) =>
    head.length >= magic.length && head.subarray(0, magic.length).equals(magic);
  if (starts(PDF_MAGIC)) return 'pdf';
  if (starts(PNG_MAGIC)) return 'png';
  if (starts(JPEG_MAGIC)) return 'jpeg';
  if (starts(ZIP_MAGIC)) {
    if (extension === '.docx') return 'docx';
    if (extension === '.xlsx') return 'xlsx';
    throw unsupportedType('压缩包仅接受 .docx 和 .xlsx 文件');
  }
  if (extension === '.txt') return 'txt';
  throw unsupportedType();
}

/**
 * `push` every chunk, then `end` once for the kind; both throw an EvidenceError as soon as the bytes
 * rule the file out. `extension` is the sanitised name's, lower case with its dot (".docx"): only
 * zips and text need it, as their bytes alone do not tell what they are.
 */
export class TypeSniffer {
  private kind: EvidenceKind | null = null;
  /** The first bytes, while fewer than SNIFF_BYTES have arrived (then they are all the bytes so far). */
  private head: Buffer = Buffer.alloc(0);
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true });

  constructor(private readonly extension: string) {}

  push(chunk: Buffer): void {
    if (this.kind === null) {
      const seen = this.head.length > 0 ? Buffer.concat([this.head, chunk]) : chunk;
      if (seen.length >= SNIFF_BYTES) {
        this.head = Buffer.alloc(0);
        this.kind = classify(seen, this.extension);
        if (this.kind === 'txt') this.checkText(seen);
      } else {
        this.head = seen;
      }
    } else if (this.kind === 'txt') {
      this.checkText(chunk);
    }
  }

  /** Only for a non-empty file: no bytes at all is a different refusal, the caller's. */
  end(): EvidenceKind {
    if (this.kind === null) {
      this.kind = classify(this.head, this.extension);
      if (this.kind === 'txt') this.checkText(this.head);
    }
    if (this.kind === 'txt') this.finishText();
    return this.kind;
  }

  // NUL never occurs in text and is how a binary file that happens to be ASCII gives itself away.
  private checkText(bytes: Buffer): void {
    if (bytes.includes(0)) throw notUtf8Text();
    try {
      this.utf8.decode(bytes, { stream: true });
    } catch {
      throw notUtf8Text();
    }
  }

  /** A file that ends inside a multi-byte character is not valid UTF-8 either. */
  private finishText(): void {
    try {
      this.utf8.decode();
    } catch {
      throw notUtf8Text();
    }
  }
}
