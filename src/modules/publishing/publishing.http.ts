/**
 * Plain HTTP next to /graphql for ledger files (what `npm run import` does, over the network):
 *   POST /findings/import?fileName=审计问题台账.xlsx[&dryRun=true][&profile=方案名][&problems=xlsx]
 *        the ledger file as the raw body, or multipart/form-data with the file in the field "file"
 *        (fields dryRun and fileName optional). Parsed and published as the token's agency and
 *        source, all or nothing in one transaction (ledger-import.ts, the same path as the CLI).
 *        200 with the report; 422 with the same report listing every problem when nothing was
 *        written (with problems=xlsx: 422 with the problem workbook, 问题清单.xlsx, instead);
 *        400/401/403/413 with { error: { code, message } } for a request we refuse.
 *   GET  /findings/import/publisher?org=HC-SJJ[&source=AUDIT]
 *        which source that organisation publishes ({ code, name, source, role }), or why it cannot
 *        publish (404 unknown, 403 not an agency or another agency's source, 400 source needed).
 *        Organisations are public reference data (as in GraphQL): no token needed.
 *
 * Only oversight agencies publish, each its own source (src/policy/publishing.ts, publisher.ts). The body is capped at the
 * importer's file limit; whatever we refuse, the rest of the body is read and dropped so the client
 * gets the answer instead of a reset connection.
 *
 * On the embedded database the hub also announces this HTTP API in its data folder (hub.json, see
 * src/db/running-hub.ts): that is how `npm run import` / `npm run export` find a running hub and go
 * through it instead of opening the folder the hub holds.
 */
import type http from 'node:http';
import type { Readable } from 'node:stream';
import type { Express, Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import type { HubConfig } from '../../config.js';
import type { HubContext } from '../../context.js';
import { announceHubWhenListening } from '../../db/running-hub.js';
import { FindingSource, Role } from '../../shared/enums.js';
import { UserInputProblem } from '../../shared/user-error.js';
import { actsForAgency } from '../../policy/publishing.js';
import { EvidenceError, parseSingleUpload } from '../evidence/index.js';
import { MAX_FILE_BYTES } from '../import/index.js';
import { profileForImport } from '../intake/index.js';
import { importLedgerFile } from './ledger-import.js';
import { checkTokenPublisher, PublisherProblem, resolvePublisher } from './publisher.js';

export interface PublishingHttpDeps {
  contextFor(req: Request): Promise<HubContext>;
  /** The hub's HTTP server and config: to announce it in an embedded data folder (hub.json). */
  httpServer: http.Server;
  config: HubConfig;
  /** Largest ledger file accepted (default: the importer's limit, 20 MiB). */
  maxBytes?: number;
}

class RequestProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function fail(req: Request, res: Response, status: number, code: string, message: string) {
  // read and drop what is left of the body, so the client reads this answer
  req.unpipe();
  req.resume();
  if (!res.headersSent) res.status(status).json({ error: { code, message } });
}

async function withContext(req: Request, res: Response, deps: PublishingHttpDeps) {
  try {
    return await deps.contextFor(req);
  } catch (e) {
    if (e instanceof GraphQLError) fail(req, res, 401, 'UNAUTHENTICATED', e.message);
    else throw e;
    return null;
  }
}

function flag(name: string, raw: unknown): boolean {
  if (raw === undefined || raw === '') return false;
  if (typeof raw === 'string' && ['true', '1', 'yes'].includes(raw.toLowerCase())) return true;
  if (typeof raw === 'string' && ['false', '0', 'no'].includes(raw.toLowerCase())) return false;
  throw new RequestProblem(400, 'BAD_USER_INPUT', `${name} must be true or false`);
}

function oneString(name: string, raw: unknown): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') throw new RequestProblem(400, 'BAD_USER_INPUT', `give ${name} once`);
  return raw;
}

function tooLarge(max: number): RequestProblem {
  return new RequestProblem(
    413,
    'TOO_LARGE',
    `The ledger file exceeds ${Math.round(max / 1048576)} MiB; split it and import the parts.`,
  );
}

/** The raw body, at most `max` bytes; past that a 413 (the rest is drained by `fail`). */
function readRawBody(req: Request, max: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (declared > max) return Promise.reject(tooLarge(max));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (c: Buffer) => {
      if (refused) return;
      size += c.length;
      if (size > max) {
        refused = true;
        chunks.length = 0;
        reject(tooLarge(max));
      } else chunks.push(c);
    });
    req.once('end', () => {
      if (!refused) resolve(Buffer.concat(chunks));
    });
    req.once('error', () => reject(new RequestProblem(400, 'BAD_REQUEST', 'The upload was interrupted.')));
  });
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** The file and its name, from a raw body or a one-file multipart form. */
async function receiveLedger(
  req: Request,
  max: number,
): Promise<{ bytes: Buffer; fileName: string | undefined; fields: Record<string, string> }> {
  if (/^multipart\//i.test(req.headers['content-type'] ?? '')) {
    const upload = await parseSingleUpload(req, { maxBytes: max, fields: ['dryRun', 'fileName'] });
    let bytes: Buffer;
    try {
      bytes = await collect(upload.file);
    } catch (e) {
      const bodyError = await upload.done.then(
        () => null,
        (err: unknown) => err,
      );
      throw bodyError instanceof EvidenceError ? bodyError : e;
    }
    const fields = await upload.done;
    return { bytes, fileName: upload.fileName || undefined, fields };
  }
  return { bytes: await readRawBody(req, max), fileName: undefined, fields: {} };
}

export function mountPublishingRoutes(app: Express, deps: PublishingHttpDeps): void {
  announceHubWhenListening(deps.httpServer, deps.config);
  const max = deps.maxBytes ?? MAX_FILE_BYTES;

  app.get('/findings/import/publisher', async (req, res) => {
    const ctx = await withContext(req, res, deps);
    if (!ctx) return;
    try {
      const org = oneString('org', req.query.org);
      if (!org) throw new RequestProblem(400, 'BAD_USER_INPUT', 'name the organisation: ?org=<code>');
      const source = oneString('source', req.query.source)?.toUpperCase();
      if (source !== undefined && !Object.values(FindingSource).includes(source as FindingSource)) {
        throw new RequestProblem(
          400,
          'BAD_USER_INPUT',
          `source must be one of ${Object.values(FindingSource).join(', ')}`,
        );
      }
      const p = await resolvePublisher(ctx.knex, org, (source as FindingSource | undefined) ?? null);
      res.json({ code: p.code, name: p.name, source: p.source, role: p.role });
    } catch (e) {
      if (e instanceof RequestProblem) return fail(req, res, e.status, e.code, e.message);
      if (e instanceof PublisherProblem) return fail(req, res, e.httpStatus, e.code, e.message);
      throw e;
    }
  });

  app.post('/findings/import', async (req, res) => {
    const ctx = await withContext(req, res, deps);
    if (!ctx) return;
    const v = ctx.viewer;
    if (v.role === Role.PUBLIC) {
      return fail(
        req,
        res,
        401,
        'UNAUTHENTICATED',
        'Publishing needs the bearer token of an oversight agency.',
      );
    }
    if (!actsForAgency(v) || !v.orgCode) {
      return fail(
        req,
        res,
        403,
        'FORBIDDEN',
        `Only oversight agencies publish findings (FINANCE, AUDIT, REFORM or DISCIPLINE tokens); a ${v.role} token cannot.`,
      );
    }
    try {
      await checkTokenPublisher(ctx.knex, v.role, v.orgCode);
      let dryRun = flag('dryRun', req.query.dryRun);
      let fileName = oneString('fileName', req.query.fileName);
      const upload = await receiveLedger(req, max);
      if (upload.fields.dryRun !== undefined) dryRun = flag('dryRun', upload.fields.dryRun);
      fileName = upload.fields.fileName || fileName || upload.fileName;
      if (!fileName) {
        throw new RequestProblem(
          400,
          'BAD_USER_INPUT',
          'Name the file: ?fileName=台账.xlsx (its extension, .xlsx, .csv or .json, gives the format).',
        );
      }
      if (!upload.bytes.length) throw new RequestProblem(400, 'BAD_USER_INPUT', 'The ledger file is empty.');
      const profileName = oneString('profile', req.query.profile);
      const profile = profileName ? await profileForImport(ctx.knex, v, profileName) : null;
      const asWorkbook = oneString('problems', req.query.problems) === 'xlsx';
      const { workbook, ...report } = await importLedgerFile(ctx.knex, v, {
        bytes: upload.bytes,
        fileName,
        dryRun,
        profile,
        withWorkbook: asWorkbook,
      });
      ctx.log.info(
        {
          org: v.orgCode,
          rows: report.rows,
          dryRun,
          written: report.written,
          created: report.created,
          updated: report.updated,
          problems: report.problems.length,
        },
        'ledger imported',
      );
      if (workbook) {
        res
          .status(422)
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .setHeader(
            'content-disposition',
            `attachment; filename*=UTF-8''${encodeURIComponent('问题清单.xlsx')}`,
          )
          .send(workbook);
        return;
      }
      // database ids stay inside the hub (the API names findings by global id)
      const { createdIds: _createdIds, ...body } = report;
      res.status(report.problems.length ? 422 : 200).json(body);
    } catch (e) {
      if (e instanceof RequestProblem) return fail(req, res, e.status, e.code, e.message);
      if (e instanceof PublisherProblem) return fail(req, res, e.httpStatus, e.code, e.message);
      if (e instanceof EvidenceError) return fail(req, res, e.httpStatus, e.code, e.message);
      if (e instanceof UserInputProblem) {
        return fail(req, res, e.code === 'CONFLICT' ? 409 : 400, e.code, e.message);
      }
      throw e;
    }
  });
}
