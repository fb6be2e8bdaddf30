/**
 * The `multipart/form-data` request that carries one evidence file. Its own job because the body is
 * the client's to get wrong in ways the store never sees (a second file, a wrong field, a body cut
 * off), and the file must stream into the store while the rest of the body is still arriving.
 */
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import { badRequest, EvidenceError, tooLarge } from './evidence.errors.js';
import type { EvidenceStorage, StagedEvidence, StoredEvidence } from './evidence.store.js';

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
  store: EvidenceStorage,
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
