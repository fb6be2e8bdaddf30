/**
 * Trusted documents (persisted operations) for partner systems: each organisation has a registry of
 * the operations it may send, by hash; HUB_TRUSTED_DOCUMENTS chooses what happens to any other:
 *   off      nothing is checked (development, the explorer)
 *   log      it runs, and a warning names the organisation, operation and hash (to build a registry)
 *   require  it is refused with OPERATION_NOT_REGISTERED (HTTP 403) before anything runs
 *
 * The registry is a folder (HUB_TRUSTED_DOCUMENTS_DIR): `<ORG-CODE>/` for one organisation,
 * `_shared/` for every organisation and callers without a token. Each holds `.graphql` files (every
 * operation in a file is registered with the fragments it uses) and `.json` manifests mapping a hash
 * to a document, the format of graphql-codegen's client preset (`persistedDocuments`) output.
 *
 * A document is recognised by the SHA-256 of its printed form (graphql-js `print`), so whitespace and
 * comments do not matter. A client may also send only the hash, as Apollo Client's persisted-query
 * link does: `{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"…"}}}` — the hash of its own
 * document text (the manifest key) or of the printed form; the hub fills in the document.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { GraphQLError, Kind, parse, print, visit, type DefinitionNode, type DocumentNode } from 'graphql';
import type { NextFunction, Request, Response } from 'express';
import type { HubContext } from '../context.js';

export type TrustedDocumentsMode = 'off' | 'log' | 'require';
export const SHARED_REGISTRY = '_shared';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The hash a registered document is known by: SHA-256 of its printed form. */
const printedHash = (doc: DocumentNode) => sha256(print(doc));

/** Each operation of a .graphql file as its own document, with the fragments it uses. */
function operationsOf(doc: DocumentNode): DocumentNode[] {
  const fragments = new Map<string, DefinitionNode>();
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const out: DocumentNode[] = [];
  for (const op of doc.definitions) {
    if (op.kind !== Kind.OPERATION_DEFINITION) continue;
    const used = new Set<string>();
    const walk = (n: DefinitionNode) =>
      visit(n, {
        FragmentSpread(s) {
          if (used.has(s.name.value)) return;
          used.add(s.name.value);
          const f = fragments.get(s.name.value);
          if (f) walk(f);
        },
      });
    walk(op);
    out.push({
      kind: Kind.DOCUMENT,
      definitions: [op, ...[...used].map((n) => fragments.get(n)!).filter(Boolean)],
    });
  }
  return out;
}

export class TrustedDocuments {
  /** printed hash → allowed for these registries (organisation codes, or _shared). */
  private readonly allowed = new Map<string, Set<string>>();
  /** any hash a client may send (manifest key or printed hash) → the document text. */
  private readonly byId = new Map<string, string>();

  add(registry: string, text: string, id?: string): void {
    const doc = parse(text);
    for (const op of id ? [doc] : operationsOf(doc)) {
      const h = printedHash(op);
      let set = this.allowed.get(h);
      if (!set) this.allowed.set(h, (set = new Set()));
      set.add(registry);
      this.byId.set(h, print(op));
    }
    if (id) this.byId.set(id.replace(/^sha256:/, ''), text);
  }

  /** A manifest `{ "<id>": "<document>" }` (codegen's persisted-documents.json) for one registry. */
  addManifest(registry: string, file: string): void {
    try {
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      for (const [id, text] of Object.entries(manifest)) {
        if (typeof text !== 'string') throw new Error(`entry ${id} is not a document string`);
        this.add(registry, text, id);
      }
    } catch (e) {
      throw new Error(`trusted documents: ${file}: ${(e as Error).message}`);
    }
  }

  /** Reads the registry folder; a file that does not parse stops the start with its name. */
  static load(dir: string): TrustedDocuments {
    const t = new TrustedDocuments();
    let registries: string[] = [];
    try {
      registries = readdirSync(dir).filter((n) => statSync(path.join(dir, n)).isDirectory());
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    for (const reg of registries) {
      for (const file of readdirSync(path.join(dir, reg))) {
        const full = path.join(dir, reg, file);
        if (file.endsWith('.json')) t.addManifest(reg, full);
        else if (file.endsWith('.graphql')) {
          try {
            t.add(reg, readFileSync(full, 'utf8'));
          } catch (e) {
            throw new Error(`trusted documents: ${full}: ${(e as Error).message}`);
          }
        }
      }
    }
    return t;
  }

  get size(): number {
    return this.allowed.size;
  }

  /** Every registered document (printed) with the registries it is allowed for. */
  *documents(): Generator<{ hash: string; document: string; registries: string[] }> {
    for (const [hash, regs] of this.allowed)
      yield { hash, document: this.byId.get(hash)!, registries: [...regs] };
  }

  /** The document registered under a hash (for requests that send only the hash). */
  documentOf(id: string): string | undefined {
    return this.byId.get(id.replace(/^sha256:/, ''));
  }

  /** Whether the parsed document is registered for the organisation (or for everyone). */
  isAllowed(doc: DocumentNode, orgCode: string | null): { ok: boolean; hash: string } {
    const hash = printedHash(doc);
    const regs = this.allowed.get(hash);
    return { ok: !!regs && (regs.has(SHARED_REGISTRY) || (!!orgCode && regs.has(orgCode))), hash };
  }
}

const bodyError = (res: Response, status: number, code: string, message: string) =>
  res.status(status).json({ errors: [{ message, extensions: { code } }] });

/**
 * Before Apollo: a request that sends only a hash gets the registered document filled in; an unknown
 * hash is 400 PERSISTED_QUERY_NOT_FOUND (the hub never registers documents sent by clients).
 */
export function resolveDocumentIds(registry: TrustedDocuments) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const body = req.body as
      | { query?: unknown; extensions?: { persistedQuery?: { version?: unknown; sha256Hash?: unknown } } }
      | undefined;
    const pq = body?.extensions?.persistedQuery;
    if (!body || !pq || typeof pq !== 'object') return next();
    if (typeof pq.sha256Hash !== 'string' || pq.version !== 1) {
      bodyError(res, 400, 'BAD_REQUEST', 'persistedQuery needs version 1 and a sha256Hash.');
      return;
    }
    const text = registry.documentOf(pq.sha256Hash);
    if (body.query === undefined) {
      if (!text) {
        bodyError(res, 400, 'PERSISTED_QUERY_NOT_FOUND', 'No registered operation has this hash.');
        return;
      }
      body.query = text;
    }
    // Apollo's own persisted-query handling stays off: the hub's registry is the only one
    delete body.extensions!.persistedQuery;
    next();
  };
}

/**
 * The check of the mode, for one parsed and validated operation, before anything runs (called first
 * by the budget plugin, so a refused operation is not charged to the rate limit either).
 */
export function trustedDocumentsGate(mode: TrustedDocumentsMode, registry: TrustedDocuments) {
  if (mode === 'off') return undefined;
  return (args: { contextValue: HubContext; document: DocumentNode; operationName?: string | null }) => {
    const { contextValue, document, operationName } = args;
    const { ok, hash } = registry.isAllowed(document, contextValue.viewer.orgCode);
    if (ok) return;
    if (mode === 'log') {
      contextValue.log.warn(
        { org: contextValue.viewer.orgCode, op: operationName ?? null, hash },
        'operation not in the trusted documents of this organisation',
      );
      return;
    }
    throw new GraphQLError('This operation is not registered for your organisation.', {
      extensions: { code: 'OPERATION_NOT_REGISTERED', hash, http: { status: 403 } },
    });
  };
}
