/**
 * Evidence files (整改佐证材料) attached to rectification progress reports: content-addressed storage
 * on disk and the multipart upload that feeds it.
 *
 * Database-free. The caller records which progress report refers to which sha256; the store only
 * keeps bytes. Because blobs are shared by content (two units uploading the same 通知文件 store it
 * once), a blob can never be deleted on behalf of one report — removing unreferenced blobs is a
 * sweep over the references, not something this module can decide.
 *
 * Nothing trusts the client: the type comes from the bytes (an .exe renamed to .pdf is refused), the
 * size limit is enforced while the bytes arrive, and the file name is only ever metadata — the path
 * on disk is derived from the hash alone.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';

// ---------------------------------------------------------------------------------------------
// Public types

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

export interface StoredEvidence {
  /** 64 lowercase hex digits; the key to `open` and what a progress report should reference. */
  sha256: string;
  /** Bytes. */
  size: number;
  /** Detected from the content, e.g. `application/pdf`; never the client's declaration. */
  contentType: string;
  /** The uploader's file name made safe to show and to offer as a download name. */
  fileName: string;
}

/**
 * A fully received and checked file that is not yet visible in the store: `commit` moves it into
 * place, `discard` deletes it. Exactly one of them must be called.
 */
export interface StagedEvidence {
  readonly evidence: StoredEvidence;
  commit(): Promise<StoredEvidence>;
  discard(): Promise<void>;
}

export interface SaveLimits {
  /** Default 20 MiB. */
  maxBytes?: number;
}

export const DEFAULT_MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;
export const MAX_FILE_NAME_LENGTH = 200;

// ---------------------------------------------------------------------------------------------
// Errors as users read them

const ALLOWED_TYPES_TEXT =
  '仅支持 PDF、PNG、JPEG 图片、Word（.docx）、Excel（.xlsx）和 UTF-8 编码的文本文件（.txt）。' +
  'Only PDF, PNG, JPEG, Word (.docx), Excel (.xlsx) and UTF-8 text (.txt) files are accepted.';

function unsupportedType(detail?: string): EvidenceError {
  return new EvidenceError(
    'UNSUPPORTED_TYPE',
    `不支持的文件类型${detail ? `（${detail}）` : ''}：${ALLOWED_TYPES_TEXT}`,
  );
}

function sizeText(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} 字节`;
}

function tooLarge(maxBytes: number): EvidenceError {
  const limit = sizeText(maxBytes);
  return new EvidenceError(
    'TOO_LARGE',
    `文件超过大小上限（${limit}）。The file exceeds the size limit of ${limit.replace('字节', 'bytes')}.`,
  );
}

function badRequest(zh: string, en: string): EvidenceError {
  return new EvidenceError('BAD_REQUEST', `${zh}。${en}.`);
}

// ---------------------------------------------------------------------------------------------
// File names

/**
 * The uploader's file name as safe metadata: the last path segment only (browsers on Windows and
 * old IE send full paths), no control characters, no bidirectional overrides (they disguise
 * "报告\u202Efdp.exe" as "报告exe.pdf"), none of the characters Windows refuses — the name goes back
 * to officials' Windows machines as a download name — and at most 200 characters with the
 * extension kept. Chinese characters are kept as they are.
 */
export function sanitiseFileName(raw: string): string {
  let name = raw.normalize('NFC');
  name = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  name = name.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '');
  name = name.replace(/[<>:"|?*]/g, '_');
  // Leading dots would make "..", "." or hidden files; trailing dots and spaces Windows drops silently.
  name = name
    .trim()
    .replace(/^\.+/, '')
    .replace(/[. ]+$/, '');
  const chars = Array.from(name);
  if (chars.length <= MAX_FILE_NAME_LENGTH) return name;
  const ext = extensionOf(name);
  const keep = ext.length > 0 && ext.length <= 16 ? ext : '';
  return chars.slice(0, MAX_FILE_NAME_LENGTH - keep.length).join('') + keep;
}

/** ".pdf" for "报告.PDF"; "" without an extension. */
function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

// ---------------------------------------------------------------------------------------------
// Content types

const CONTENT_TYPES = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  txt: 'text/plain; charset=utf-8',
} as const;
type EvidenceKind = keyof typeof CONTENT_TYPES;

/** The extension a nameless upload is given, so that a download opens in the right program. */
const DEFAULT_EXTENSION: Record<EvidenceKind, string> = {
  pdf: '.pdf',
  png: '.png',
  jpeg: '.jpg',
  docx: '.docx',
  xlsx: '.xlsx',
  txt: '.txt',
};

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

function notUtf8Text(): EvidenceError {
  return unsupportedType('文本文件须为 UTF-8 编码，可用记事本“另存为”选择 UTF-8');
}

/**
 * Passes the bytes through unchanged while counting, hashing and checking them, so the file never
 * has to be held in memory and a bad upload is refused as soon as its first bytes show it.
 */
class EvidenceInspector extends Transform {
  size = 0;
  kind: EvidenceKind | null = null;
  private readonly hash = createHash('sha256');
  /** The first bytes, while fewer than SNIFF_BYTES have arrived (then they are all the bytes so far). */
  private head: Buffer = Buffer.alloc(0);
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true });

  constructor(
    private readonly maxBytes: number,
    private readonly extension: string,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) return callback(tooLarge(this.maxBytes));
    this.hash.update(chunk);
    try {
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
    } catch (e) {
      return callback(e as Error);
    }
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    if (this.size === 0) return callback(new EvidenceError('EMPTY_FILE', '文件为空。The file is empty.'));
    try {
      if (this.kind === null) {
        this.kind = classify(this.head, this.extension);
        if (this.kind === 'txt') this.checkText(this.head);
      }
      if (this.kind === 'txt') this.finishText();
    } catch (e) {
      return callback(e as Error);
    }
    callback();
  }

  digest(): string {
    return this.hash.digest('hex');
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

// ---------------------------------------------------------------------------------------------
// The store

const SHA256_RE = /^[0-9a-f]{64}$/;
const TEMP_PREFIX = '.upload-';
const TEMP_SUFFIX = '.tmp';

function checkSha256(sha256: string): void {
  if (typeof sha256 !== 'string' || !SHA256_RE.test(sha256)) {
    throw badRequest('佐证材料编号格式不正确', 'Malformed evidence id (64 lowercase hex digits expected)');
  }
}

/**
 * Content-addressed files under `rootDir/<first two hex digits>/<sha256>`. A file is written to a
 * temporary file in rootDir (the same file system, so the rename is atomic), flushed to disk, and
 * only then renamed into place: a reader never sees a partial file, and a crash leaves only
 * `.upload-*.tmp` files behind, never a wrong blob under a hash.
 */
export class EvidenceStore {
  constructor(readonly rootDir: string) {}

  /** Receives, checks and stores a file; the same content stored twice is kept once. */
  async save(
    input: Readable,
    meta: { fileName: string; declaredType: string | null },
    limits?: SaveLimits,
  ): Promise<StoredEvidence> {
    const staged = await this.stage(input, meta, limits);
    return staged.commit();
  }

  /**
   * Receives and checks a file without making it visible yet, for callers that learn only later
   * whether the request as a whole is acceptable (see receiveUpload). On any error the temporary file
   * is already gone when the promise rejects.
   *
   * `meta.declaredType` is deliberately not consulted: a browser derives it from the extension.
   */
  async stage(
    input: Readable,
    meta: { fileName: string; declaredType: string | null },
    limits?: SaveLimits,
  ): Promise<StagedEvidence> {
    const maxBytes = limits?.maxBytes ?? DEFAULT_MAX_EVIDENCE_BYTES;
    const fileName = sanitiseFileName(meta.fileName);
    const tempPath = path.join(this.rootDir, `${TEMP_PREFIX}${randomUUID()}${TEMP_SUFFIX}`);
    const inspector = new EvidenceInspector(maxBytes, extensionOf(fileName));

    // Opened here rather than lazily by a write stream: a lazy open can complete after an early
    // failure's clean-up and leave an orphan temp file behind.
    let handle;
    try {
      await mkdir(this.rootDir, { recursive: true });
      handle = await open(tempPath, 'wx', 0o600);
    } catch (e) {
      // An unread upload stream would stall the request it comes from.
      input.destroy();
      throw e;
    }
    // flush: fsync before the stream closes — the bytes must be durable before the rename makes
    // them visible, or a crash can leave an empty file under a hash.
    const out = handle.createWriteStream({ flush: true });
    try {
      await pipeline(input, inspector, out);
    } catch (e) {
      // pipeline rejects before the destroyed file stream has closed its descriptor
      if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
      await rm(tempPath, { force: true });
      throw e;
    }

    const kind = inspector.kind!;
    const evidence: StoredEvidence = {
      sha256: inspector.digest(),
      size: inspector.size,
      contentType: CONTENT_TYPES[kind],
      fileName: fileName || `佐证材料${DEFAULT_EXTENSION[kind]}`,
    };
    let pending = true;
    return {
      evidence,
      commit: async () => {
        if (!pending) throw new Error('staged evidence already committed or discarded');
        pending = false;
        const finalPath = this.pathOf(evidence.sha256);
        try {
          await mkdir(path.dirname(finalPath), { recursive: true });
          // Already stored: same hash, same bytes. A concurrent upload of the same content may still
          // win the race between this check and the rename; it then replaces identical bytes.
          if (await exists(finalPath)) await rm(tempPath, { force: true });
          else await rename(tempPath, finalPath);
        } catch (e) {
          await rm(tempPath, { force: true });
          throw e;
        }
        return evidence;
      },
      discard: async () => {
        if (!pending) return;
        pending = false;
        await rm(tempPath, { force: true });
      },
    };
  }

  /**
   * The stored bytes. The stream holds an open file: read it to the end or destroy it.
   * The id is checked before any file-system access, so it can come straight from a URL.
   */
  async open(sha256: string): Promise<{ stream: Readable; size: number }> {
    checkSha256(sha256);
    let handle;
    try {
      handle = await open(this.pathOf(sha256), 'r');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw notFound();
      throw e;
    }
    try {
      const { size } = await handle.stat();
      return { stream: handle.createReadStream(), size };
    } catch (e) {
      await handle.close();
      throw e;
    }
  }

  async has(sha256: string): Promise<boolean> {
    checkSha256(sha256);
    return exists(this.pathOf(sha256));
  }

  private pathOf(sha256: string): string {
    return path.join(this.rootDir, sha256.slice(0, 2), sha256);
  }
}

function notFound(): EvidenceError {
  return new EvidenceError('NOT_FOUND', '佐证材料不存在。Evidence file not found.');
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// Multipart upload

export interface UploadOptions {
  maxBytes: number;
  /** The form field of the file part; default `file`. */
  fieldName?: string;
  /** Text fields to keep (others are ignored); all text fields when omitted. */
  fields?: string[];
}

export interface SingleUpload {
  /** The file's bytes; must be consumed (or destroyed) for the rest of the body to be read. */
  file: Readable;
  /** As the client sent it (UTF-8); sanitised by the store. */
  fileName: string;
  declaredType: string | null;
  /** Text fields sent before the file part. */
  fields: Record<string, string>;
  /**
   * Settles once the whole body has been read: with every text field (also those after the file),
   * or with the reason the body was refused after the file had started — an EvidenceError for a
   * second file, a broken body, the client going away; another error when the consumer abandoned the
   * file stream (the consumer knows why). Only when it resolves was the upload acceptable as a whole.
   */
  done: Promise<Record<string, string>>;
}

/** Text fields are short (ids, a note); a megabyte of "note" is not a progress report. */
const MAX_FIELDS = 20;
const MAX_FIELD_BYTES = 64 * 1024;

function malformedBody(): EvidenceError {
  return badRequest('上传内容不完整或格式不正确', 'Malformed or incomplete multipart/form-data body');
}

function isMultipartFormData(contentType: string | undefined): boolean {
  return !!contentType && /^multipart\/form-data\s*;.*\bboundary=/i.test(contentType);
}

/** Reads and drops what is left of a body we refused, so the client gets to read our answer. */
function discardBody(req: IncomingMessage): void {
  req.unpipe();
  req.resume();
}

/**
 * Parses a `multipart/form-data` request carrying exactly one file. Resolves as soon as the file
 * part begins, so its bytes can be piped straight into `EvidenceStore.stage` without buffering;
 * whether the rest of the body is acceptable is only known from `done`. Prefer receiveUpload, which
 * does the bookkeeping.
 */
export function parseSingleUpload(req: IncomingMessage, opts: UploadOptions): Promise<SingleUpload> {
  const fieldName = opts.fieldName ?? 'file';
  const wanted = opts.fields ? new Set(opts.fields) : null;

  let resolveDone!: (fields: Record<string, string>) => void;
  let rejectDone!: (e: Error) => void;
  const done = new Promise<Record<string, string>>((res, rej) => {
    resolveDone = res;
    rejectDone = rej;
  });
  // A caller that already failed on the file stream may never look at `done`.
  done.catch(() => {});

  return new Promise<SingleUpload>((resolveStart, rejectStart) => {
    if (!isMultipartFormData(req.headers['content-type'])) {
      discardBody(req);
      rejectStart(
        badRequest(
          '请以 multipart/form-data 格式上传文件',
          'The upload must be a multipart/form-data request',
        ),
      );
      return;
    }
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        // One byte more than allowed, so that a file of exactly maxBytes does not count as cut off.
        limits: { files: 1, fileSize: opts.maxBytes + 1, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES },
      });
    } catch {
      discardBody(req);
      rejectStart(badRequest('上传请求格式不正确', 'Malformed multipart/form-data request'));
      return;
    }

    const fields: Record<string, string> = {};
    let file: Readable | null = null;
    let fileEnded = false;
    let settled = false;

    const fail = (e: Error) => {
      if (settled) return;
      settled = true;
      if (file && !fileEnded && !file.destroyed) file.destroy(e);
      req.unpipe(bb);
      bb.destroy();
      discardBody(req);
      rejectStart(e);
      rejectDone(e);
    };

    bb.on('file', (name, stream, info) => {
      // Tearing the parse down destroys the stream with an error, possibly before the consumer has
      // attached to it; the consumer still sees that error (a destroyed stream keeps it), the process
      // must not crash on it as an unhandled 'error' event.
      stream.on('error', () => {});
      if (name !== fieldName) {
        stream.resume();
        fail(
          badRequest(
            `文件应放在表单字段“${fieldName}”中`,
            `The file must be sent in the form field "${fieldName}"`,
          ),
        );
        return;
      }
      file = stream;
      stream.once('end', () => (fileEnded = true));
      // busboy stops passing bytes at its limit but still ends the stream normally: make it an error.
      stream.once('limit', () => stream.destroy(tooLarge(opts.maxBytes)));
      // Closed before its end: by busboy on a broken body, or by the consumer giving up on the file
      // (the store refused it, the disk failed). Busboy would then wait forever for the file to be
      // read, so the parse is torn down here. Only a body problem is the client's fault; the
      // consumer's own failure must not come back as a 400.
      stream.once('close', () => {
        if (fileEnded) return;
        const cause = stream.errored;
        if (cause instanceof EvidenceError) fail(cause);
        else if (bb.destroyed) fail(malformedBody());
        else fail(new Error('the consumer closed the upload stream', { cause }));
      });
      resolveStart({
        file: stream,
        fileName: info.filename ?? '',
        declaredType: info.mimeType || null,
        fields: { ...fields },
        done,
      });
    });
    bb.on('field', (name, value, info) => {
      if (info.nameTruncated || info.valueTruncated) {
        fail(badRequest(`表单字段“${name}”过长`, `The form field "${name}" is too long`));
        return;
      }
      if (!wanted || wanted.has(name)) fields[name] = value;
    });
    bb.on('filesLimit', () =>
      fail(badRequest('一次只能上传一个文件', 'Only one file may be uploaded per request')),
    );
    bb.on('fieldsLimit', () => fail(badRequest('表单字段过多', 'Too many form fields')));
    bb.on('error', () => fail(malformedBody()));
    bb.on('close', () => {
      if (settled) return;
      if (!file) {
        fail(
          badRequest(`缺少上传文件（表单字段“${fieldName}”）`, `No file in the form field "${fieldName}"`),
        );
        return;
      }
      settled = true;
      resolveDone({ ...fields });
    });
    // The client going away mid-body: the pipe would simply stop, and busboy wait forever.
    req.on('error', () => fail(badRequest('上传中断', 'The upload was interrupted')));
    req.on('close', () => {
      if (!req.complete) fail(badRequest('上传中断', 'The upload was interrupted'));
    });
    req.pipe(bb);
  });
}

/**
 * Receives a one-file multipart upload into the store: the file is streamed into the store while
 * the body is parsed, and becomes visible only when the whole request was acceptable. Rejects once,
 * with an EvidenceError for anything the client did wrong (its `httpStatus` is the answer to give),
 * and leaves neither a temporary file nor a stored file behind when it rejects.
 */
export async function receiveUpload(
  req: IncomingMessage,
  store: EvidenceStore,
  opts: UploadOptions,
): Promise<{ stored: StoredEvidence; fields: Record<string, string> }> {
  const upload = await parseSingleUpload(req, opts);
  let staged: StagedEvidence;
  try {
    staged = await store.stage(
      upload.file,
      { fileName: upload.fileName, declaredType: upload.declaredType },
      { maxBytes: opts.maxBytes },
    );
  } catch (e) {
    if (e instanceof EvidenceError) throw e;
    // A failed file stream tears the parse down, so `done` has settled or is about to. When the body
    // was at fault (broken, client gone) that is the answer; otherwise the store's own error is.
    const bodyError = await upload.done.then(
      () => null,
      (err: unknown) => err,
    );
    if (bodyError instanceof EvidenceError) throw bodyError;
    throw e;
  }
  let fields: Record<string, string>;
  try {
    fields = await upload.done;
  } catch (e) {
    await staged.discard();
    throw e;
  }
  return { stored: await staged.commit(), fields };
}
