/**
 * Evidence files on disk, addressed by content (SHA-256) so that a path can never be chosen by a
 * client and the same file uploaded twice is kept once.
 *
 * Database-free. The caller records which progress report refers to which sha256; the store only
 * keeps bytes. Because blobs are shared by content (two units uploading the same 通知文件 store it
 * once), a blob can never be deleted on behalf of one report — removing unreferenced blobs is a
 * sweep over the references, not something this module can decide.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { badRequest, EvidenceError, tooLarge } from './evidence.errors.js';
import { CONTENT_TYPES, DEFAULT_EXTENSION, TypeSniffer, type EvidenceKind } from './evidence.sniff.js';

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

/** Where evidence bytes live: a folder (EvidenceStore) or PostgreSQL (DatabaseEvidenceStore). */
export interface EvidenceStorage {
  save(
    input: Readable,
    meta: { fileName: string; declaredType: string | null },
    limits?: SaveLimits,
  ): Promise<StoredEvidence>;
  stage(
    input: Readable,
    meta: { fileName: string; declaredType: string | null },
    limits?: SaveLimits,
  ): Promise<StagedEvidence>;
  open(sha256: string): Promise<{ stream: Readable; size: number }>;
  has(sha256: string): Promise<boolean>;
  /**
   * Removes what a crash left behind, older than `graceMs`: temporary files, and stored contents
   * that `referenced` does not confirm. Returns how many of each.
   */
  sweep(
    graceMs: number,
    referenced: (sha256s: string[]) => Promise<Set<string>>,
  ): Promise<{ temporary: number; unreferenced: number }>;
}

export const DEFAULT_MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;
export const MAX_FILE_NAME_LENGTH = 200;

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

/**
 * Passes the bytes through unchanged while counting, hashing and checking them, so the file never
 * has to be held in memory and a bad upload is refused as soon as its first bytes show it.
 */
class EvidenceInspector extends Transform {
  size = 0;
  kind: EvidenceKind | null = null;
  private readonly hash = createHash('sha256');
  private readonly sniffer: TypeSniffer;

  constructor(
    private readonly maxBytes: number,
    extension: string,
  ) {
    super();
    this.sniffer = new TypeSniffer(extension);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) return callback(tooLarge(this.maxBytes));
    this.hash.update(chunk);
    try {
      this.sniffer.push(chunk);
    } catch (e) {
      return callback(e as Error);
    }
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    if (this.size === 0) return callback(new EvidenceError('EMPTY_FILE', '文件为空。The file is empty.'));
    try {
      this.kind = this.sniffer.end();
    } catch (e) {
      return callback(e as Error);
    }
    callback();
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

const SHA256_RE = /^[0-9a-f]{64}$/;
const TEMP_PREFIX = '.upload-';
const TEMP_SUFFIX = '.tmp';

export function checkSha256(sha256: string): void {
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
export class EvidenceStore implements EvidenceStorage {
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
   * whether the request as a whole is acceptable (see receiveUpload in evidence.upload.ts). On any
   * error the temporary file is already gone when the promise rejects.
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

  async sweep(
    graceMs: number,
    referenced: (sha256s: string[]) => Promise<Set<string>>,
  ): Promise<{ temporary: number; unreferenced: number }> {
    const before = Date.now() - graceMs;
    const old = async (file: string) => {
      try {
        return (await stat(file)).mtimeMs < before;
      } catch {
        return false;
      }
    };
    let temporary = 0;
    let unreferenced = 0;
    let top: string[];
    try {
      top = await readdir(this.rootDir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { temporary, unreferenced };
      throw e;
    }
    for (const name of top) {
      const file = path.join(this.rootDir, name);
      if (name.startsWith(TEMP_PREFIX) && name.endsWith(TEMP_SUFFIX) && (await old(file))) {
        await rm(file, { force: true });
        temporary++;
      } else if (/^[0-9a-f]{2}$/.test(name)) {
        const hashes = (await readdir(file)).filter((h) => SHA256_RE.test(h));
        const kept = await referenced(hashes);
        for (const h of hashes) {
          if (kept.has(h) || !(await old(path.join(file, h)))) continue;
          await rm(path.join(file, h), { force: true });
          unreferenced++;
        }
      }
    }
    return { temporary, unreferenced };
  }

  private pathOf(sha256: string): string {
    return path.join(this.rootDir, sha256.slice(0, 2), sha256);
  }
}

export function notFound(): EvidenceError {
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
