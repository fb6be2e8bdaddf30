/**
 * Evidence files (src/modules/evidence): content-addressed storage, type detection by content, the
 * size limit, file names, and the multipart upload through a real HTTP server.
 * Database-free; the suite's global setup still starts one, which these tests do not use.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import iconv from 'iconv-lite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  EvidenceError,
  EvidenceStore,
  receiveUpload,
  sanitiseFileName,
  type EvidenceErrorCode,
} from '../src/modules/evidence/index.js';

const PDF = Buffer.concat([
  Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1'),
  Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 31) % 256)),
  Buffer.from('\n%%EOF\n'),
]);
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(100, 7),
]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100, 9)]);
const ZIP = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(100, 1)]);
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(200, 0)]);

let root: string;
let store: EvidenceStore;

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'evidence-test-'));
  store = new EvidenceStore(path.join(root, 'store'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Every file under the store, relative paths; temp files included. */
async function filesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath ?? e.path, e.name)))
    .sort();
}

/** The bytes in chunks of `size`, so that signatures and characters straddle chunk boundaries. */
function chunked(bytes: Buffer, size: number): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
  return Readable.from(parts, { objectMode: false });
}

async function saveError(promise: Promise<unknown>): Promise<EvidenceError> {
  const e = await promise.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(EvidenceError);
  return e as EvidenceError;
}

describe('EvidenceStore.save / open', () => {
  it('stores by SHA-256 under a two-digit shard and reads the same bytes back', async () => {
    const stored = await store.save(chunked(PDF, 1000), {
      fileName: '整改报告.pdf',
      declaredType: 'application/pdf',
    });
    expect(stored).toEqual({
      sha256: sha256(PDF),
      size: PDF.length,
      contentType: 'application/pdf',
      fileName: '整改报告.pdf',
    });
    expect(await filesIn(store.rootDir)).toEqual([path.join(stored.sha256.slice(0, 2), stored.sha256)]);
    expect(await store.has(stored.sha256)).toBe(true);

    const { stream, size } = await store.open(stored.sha256);
    expect(size).toBe(PDF.length);
    expect((await buffer(stream)).equals(PDF)).toBe(true);
  });

  it('stores the same content once, whatever it is called', async () => {
    const a = await store.save(Readable.from([PNG]), {
      fileName: '现场照片1.png',
      declaredType: 'image/png',
    });
    const b = await store.save(Readable.from([PNG]), { fileName: '照片副本.png', declaredType: null });
    expect(b.sha256).toBe(a.sha256);
    expect(b.fileName).toBe('照片副本.png');
    expect(await filesIn(store.rootDir)).toHaveLength(1);
  });

  it('enforces the size limit while streaming and leaves no temporary file', async () => {
    const big = Buffer.alloc(5000, 0x41);
    big.write('%PDF-1.4');
    const e = await saveError(
      store.save(chunked(big, 512), { fileName: 'big.pdf', declaredType: null }, { maxBytes: 1000 }),
    );
    expect(e.code).toBe<EvidenceErrorCode>('TOO_LARGE');
    expect(e.httpStatus).toBe(413);
    expect(e.message).toContain('1000 字节');
    expect(await filesIn(store.rootDir)).toEqual([]);

    // exactly at the limit is fine
    const atLimit = big.subarray(0, 1000);
    const ok = await store.save(
      chunked(atLimit, 300),
      { fileName: 'ok.pdf', declaredType: null },
      { maxBytes: 1000 },
    );
    expect(ok.size).toBe(1000);
  });

  it('stops reading a too-large stream instead of draining it', async () => {
    let produced = 0;
    const endless = new Readable({
      read() {
        produced += 1024;
        this.push(
          produced === 1024 ? Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(1019)]) : Buffer.alloc(1024),
        );
      },
    });
    const e = await saveError(
      store.save(endless, { fileName: 'x.pdf', declaredType: null }, { maxBytes: 64 * 1024 }),
    );
    expect(e.code).toBe('TOO_LARGE');
    expect(endless.destroyed).toBe(true);
    expect(produced).toBeLessThan(1024 * 1024);
  });

  it('has a 20 MiB default limit', async () => {
    const e = await saveError(
      store.save(
        Readable.from(
          (function* () {
            yield Buffer.from('%PDF-1.7\n');
            for (let i = 0; i < 21; i++) yield Buffer.alloc(1024 * 1024);
          })(),
        ),
        { fileName: 'big.pdf', declaredType: null },
      ),
    );
    expect(e.code).toBe('TOO_LARGE');
    expect(e.message).toContain('20 MB');
  });

  it('stores content uploaded twice at the same time once', async () => {
    const [a, b] = await Promise.all([
      store.save(chunked(PDF, 100), { fileName: 'a.pdf', declaredType: null }),
      store.save(chunked(PDF, 100), { fileName: 'b.pdf', declaredType: null }),
    ]);
    expect(a.sha256).toBe(b.sha256);
    expect(await filesIn(store.rootDir)).toEqual([path.join(a.sha256.slice(0, 2), a.sha256)]);
  });

  it('refuses an empty file', async () => {
    const e = await saveError(store.save(Readable.from([]), { fileName: 'empty.pdf', declaredType: null }));
    expect(e.code).toBe('EMPTY_FILE');
    expect(await filesIn(store.rootDir)).toEqual([]);
  });
});

describe('content type from the bytes', () => {
  const accepted: [string, Buffer, string, string][] = [
    ['PDF', PDF, '材料.pdf', 'application/pdf'],
    ['PNG', PNG, '照片.png', 'image/png'],
    ['JPEG', JPEG, '照片.JPG', 'image/jpeg'],
    // the name does not decide for the signature types: a PNG called .jpg is still a PNG
    ['PNG named .jpg', PNG, '照片.jpg', 'image/png'],
    [
      '.docx',
      ZIP,
      '整改方案.docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    ['.xlsx', ZIP, '整改台账.XLSX', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['UTF-8 text', Buffer.from('整改情况说明\r\n已完成退款。\n'), '说明.txt', 'text/plain; charset=utf-8'],
    ['UTF-8 text with BOM', Buffer.from('\ufeff情况说明'), '说明.txt', 'text/plain; charset=utf-8'],
    ['short text', Buffer.from('ok'), 'a.txt', 'text/plain; charset=utf-8'],
  ];
  it.each(accepted)('accepts %s', async (_label, bytes, fileName, contentType) => {
    const stored = await store.save(chunked(bytes, 3), {
      fileName,
      declaredType: 'application/octet-stream',
    });
    expect(stored.contentType).toBe(contentType);
    expect(stored.sha256).toBe(sha256(bytes));
  });

  const refused: [string, Buffer, string][] = [
    ['an .exe renamed .pdf', EXE, '整改报告.pdf'],
    ['an .exe renamed .txt', EXE, '说明.txt'],
    ['a zip', ZIP, '材料.zip'],
    ['a zip renamed .pdf', ZIP, '材料.pdf'],
    ['GBK text', iconv.encode('整改情况说明：已完成退款。', 'gbk'), '说明.txt'],
    ['UTF-16 text', Buffer.from('\ufeff整改说明', 'utf16le'), '说明.txt'],
    ['text cut inside a character', Buffer.from('整改').subarray(0, 5), '说明.txt'],
    ['ASCII with NUL bytes', Buffer.from('abc\u0000def'), 'a.txt'],
    ['text under another extension', Buffer.from('<script>alert(1)</script>'), 'page.html'],
    ['text without extension', Buffer.from('整改情况说明'), '说明'],
    ['HTML called .pdf', Buffer.from('<html><body>整改</body></html>'), '报告.pdf'],
  ];
  it.each(refused)('refuses %s', async (_label, bytes, fileName) => {
    const e = await saveError(store.save(chunked(bytes, 5), { fileName, declaredType: 'application/pdf' }));
    expect(e.code).toBe('UNSUPPORTED_TYPE');
    expect(e.httpStatus).toBe(415);
    expect(e.message).toMatch(/PDF、PNG、JPEG/);
    expect(e.message).toMatch(/Only PDF, PNG, JPEG/);
    expect(await filesIn(store.rootDir)).toEqual([]);
  });

  it('validates UTF-8 across chunk boundaries', async () => {
    // "整" is three bytes; chunks of 2 split every character
    const text = Buffer.from('整改情况说明：已完成'.repeat(50));
    const stored = await store.save(chunked(text, 2), { fileName: 'a.txt', declaredType: null });
    expect(stored.size).toBe(text.length);
  });

  it('says why a GBK text file is refused', async () => {
    const e = await saveError(
      store.save(Readable.from([iconv.encode('整改情况', 'gbk')]), { fileName: 'a.txt', declaredType: null }),
    );
    expect(e.message).toContain('UTF-8 编码');
  });
});

describe('file names', () => {
  it('keeps Chinese names and strips paths, control and direction characters', () => {
    expect(sanitiseFileName('鹤城区教育局2025年整改报告（第二次）.pdf')).toBe(
      '鹤城区教育局2025年整改报告（第二次）.pdf',
    );
    expect(sanitiseFileName('../../etc/整改.pdf')).toBe('整改.pdf');
    expect(sanitiseFileName('C:\\Users\\张三\\桌面\\佐证.docx')).toBe('佐证.docx');
    expect(sanitiseFileName('报告\u0000\u0007\r\n.pdf')).toBe('报告.pdf');
    expect(sanitiseFileName('报告\u202efdp.exe')).toBe('报告fdp.exe');
    expect(sanitiseFileName('a<b>:"c"|?*.pdf')).toBe('a_b___c____.pdf');
    expect(sanitiseFileName('..')).toBe('');
    expect(sanitiseFileName(' .hidden.txt. ')).toBe('hidden.txt');
  });

  it('limits names to 200 characters and keeps the extension', () => {
    const long = sanitiseFileName('整'.repeat(300) + '.pdf');
    expect(Array.from(long)).toHaveLength(200);
    expect(long.endsWith('.pdf')).toBe(true);
    // characters outside the BMP count once and are not split
    const emoji = sanitiseFileName('📄'.repeat(250));
    expect(Array.from(emoji)).toHaveLength(200);
  });

  it('names a nameless upload after its type', async () => {
    const stored = await store.save(Readable.from([PDF]), { fileName: '../', declaredType: null });
    expect(stored.fileName).toBe('佐证材料.pdf');
  });

  it('returns the sanitised name from save', async () => {
    const stored = await store.save(Readable.from([PDF]), {
      fileName: '/tmp/x/../整改\u0000.pdf',
      declaredType: null,
    });
    expect(stored.fileName).toBe('整改.pdf');
  });
});

describe('open / has', () => {
  it.each(['../../../etc/passwd', '..', 'A'.repeat(64), 'g'.repeat(64), 'ab', '', `${'a'.repeat(63)}/`])(
    'refuses the malformed id %j before touching the file system',
    async (id) => {
      const e = await saveError(store.open(id));
      expect(e.code).toBe('BAD_REQUEST');
      expect((await saveError(store.has(id))).code).toBe('BAD_REQUEST');
    },
  );

  it('answers NOT_FOUND for a well-formed id that is not stored', async () => {
    const e = await saveError(store.open('0'.repeat(64)));
    expect(e.code).toBe('NOT_FOUND');
    expect(e.httpStatus).toBe(404);
    expect(await store.has('0'.repeat(64))).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Through HTTP

describe('receiveUpload over HTTP', () => {
  const MAX = 64 * 1024;
  let server: http.Server;
  let url: string;
  let httpStore: EvidenceStore;
  let httpRoot: string;
  /** How the server's last receiveUpload ended, for requests whose client never reads an answer. */
  let lastOutcome: Promise<unknown> = Promise.resolve();

  beforeAll(async () => {
    httpRoot = await mkdtemp(path.join(os.tmpdir(), 'evidence-http-test-'));
    httpStore = new EvidenceStore(httpRoot);
    server = http.createServer((req, res) => {
      const outcome = receiveUpload(req, httpStore, { maxBytes: MAX, fields: ['rectificationId', 'note'] });
      lastOutcome = outcome.catch((e: unknown) => e);
      outcome.then(
        (result) => {
          res.writeHead(201, { 'content-type': 'application/json; charset=utf-8' });
          res.end(JSON.stringify(result));
        },
        (e: unknown) => {
          const status = e instanceof EvidenceError ? e.httpStatus : 500;
          const code = e instanceof EvidenceError ? e.code : 'INTERNAL';
          res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
          res.end(JSON.stringify({ code, message: (e as Error).message }));
        },
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/upload`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(httpRoot, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await rm(httpRoot, { recursive: true, force: true });
  });

  async function post(body: FormData | string, headers: Record<string, string> = {}) {
    const res = await fetch(url, { method: 'POST', body, headers });
    return { status: res.status, json: (await res.json()) as Record<string, any> };
  }

  function form(files: [string, Buffer, string][], fields: Record<string, string> = {}): FormData {
    const fd = new FormData();
    for (const [k, v] of Object.entries(fields)) fd.append(k, v);
    for (const [field, bytes, name] of files) fd.append(field, new Blob([bytes]), name);
    return fd;
  }

  it('stores a PDF with its Chinese name and returns the fields, also those after the file', async () => {
    const fd = new FormData();
    fd.append('rectificationId', 'UmVjdGlmaWNhdGlvbjox');
    fd.append('file', new Blob([PDF], { type: 'application/pdf' }), '鹤城区教育局整改佐证材料.pdf');
    fd.append('note', '第一次报送');
    fd.append('ignored', 'x');
    const { status, json } = await post(fd);
    expect(status).toBe(201);
    expect(json).toEqual({
      stored: {
        sha256: sha256(PDF),
        size: PDF.length,
        contentType: 'application/pdf',
        fileName: '鹤城区教育局整改佐证材料.pdf',
      },
      fields: { rectificationId: 'UmVjdGlmaWNhdGlvbjox', note: '第一次报送' },
    });
    const { stream } = await httpStore.open(sha256(PDF));
    expect((await buffer(stream)).equals(PDF)).toBe(true);
  });

  it('answers TOO_LARGE for a file over the limit and keeps nothing', async () => {
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4 * MAX, 0x20)]);
    const { status, json } = await post(form([['file', big, 'big.pdf']]));
    expect(status).toBe(413);
    expect(json.code).toBe('TOO_LARGE');
    expect(await filesIn(httpRoot)).toEqual([]);
  });

  it('refuses two files and keeps neither', async () => {
    const { status, json } = await post(
      form([
        ['file', PDF, 'a.pdf'],
        ['file', PNG, 'b.png'],
      ]),
    );
    expect(status).toBe(400);
    expect(json.code).toBe('BAD_REQUEST');
    expect(json.message).toContain('一次只能上传一个文件');
    expect(await filesIn(httpRoot)).toEqual([]);
  });

  it('refuses a body that is not multipart', async () => {
    const { status, json } = await post(JSON.stringify({ file: PDF.toString('base64') }), {
      'content-type': 'application/json',
    });
    expect(status).toBe(400);
    expect(json.code).toBe('BAD_REQUEST');
    expect(json.message).toContain('multipart/form-data');
  });

  it('refuses a form without a file', async () => {
    const { status, json } = await post(form([], { note: '无附件' }));
    expect(status).toBe(400);
    expect(json.message).toContain('缺少上传文件');
  });

  it('refuses a file in another form field', async () => {
    const { status, json } = await post(form([['attachment', PDF, 'a.pdf']]));
    expect(status).toBe(400);
    expect(json.code).toBe('BAD_REQUEST');
  });

  it('answers UNSUPPORTED_TYPE for an executable called .pdf', async () => {
    const { status, json } = await post(form([['file', EXE, '整改报告.pdf']]));
    expect(status).toBe(415);
    expect(json.code).toBe('UNSUPPORTED_TYPE');
    expect(await filesIn(httpRoot)).toEqual([]);
  });

  it('answers EMPTY_FILE for an empty file part', async () => {
    const { status, json } = await post(form([['file', Buffer.alloc(0), '空.pdf']]));
    expect(status).toBe(400);
    expect(json.code).toBe('EMPTY_FILE');
  });

  it('cleans up when the client goes away in the middle of the file', async () => {
    const boundary = '----evidence-test-boundary';
    const previous = lastOutcome;
    const req = http.request(url, {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': '1000000' },
    });
    req.on('error', () => {});
    req.write(
      `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="a.pdf"\r\n` +
        `content-type: application/pdf\r\n\r\n`,
    );
    req.write(PDF);
    while (lastOutcome === previous) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 50));
    req.destroy();
    const e = await lastOutcome;
    expect(e).toBeInstanceOf(EvidenceError);
    expect((e as EvidenceError).code).toBe('BAD_REQUEST');
    expect(await filesIn(httpRoot)).toEqual([]);
  });

  it('answers a failing store as a server error, not as a fault of the client', async () => {
    const working = httpStore;
    const notADirectory = path.join(root, 'a-file');
    await writeFile(notADirectory, 'x');
    httpStore = new EvidenceStore(notADirectory);
    try {
      const { status, json } = await post(form([['file', PDF, 'a.pdf']]));
      expect(status).toBe(500);
      expect(json.code).toBe('INTERNAL');
    } finally {
      httpStore = working;
    }
  });

  it('answers BAD_REQUEST for a body cut off inside the file', async () => {
    const boundary = '----evidence-test-boundary';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="a.pdf"\r\n` +
          `content-type: application/pdf\r\n\r\n`,
      ),
      PDF,
      // no closing boundary
    ]);
    const res = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe('BAD_REQUEST');
    expect(await filesIn(httpRoot)).toEqual([]);
  });

  it('keeps serving after refusals', async () => {
    const { status } = await post(form([['file', JPEG, '照片.jpg']]));
    expect(status).toBe(201);
  });
});
