/**
 * What the three server processes of the comparison (bench/compare.ts) share: the IPC protocol with the
 * parent, and a counter of the SQL statements the process sends to PostgreSQL.
 *
 * The counter wraps `pg.Client.prototype.query`, which every statement of all three servers goes
 * through (knex/MikroORM, PostGraphile and the hand-written server all use this `pg`), so "statements
 * per request" is counted the same way for each of them. It records only while the parent asks it to,
 * around one request sent alone.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import pg from 'pg';
import { summarizeProfile, type CpuProfile, type ProfileSummary } from './profile.js';

export type ToChild =
  | { id: number; type: 'captureStart' }
  | { id: number; type: 'captureStop' }
  | { id: number; type: 'profileStart' }
  | { id: number; type: 'profileStop'; file: string | null };
export type FromChild =
  | { type: 'ready'; port: number; info?: Record<string, unknown> }
  | { type: 'reply'; id: number; statements?: string[]; profile?: ProfileSummary }
  | { type: 'fatal'; error: string };

let capturing: string[] | null = null;

type QueryFn = (this: pg.Client, ...args: unknown[]) => unknown;
const proto = pg.Client.prototype as unknown as { query: QueryFn };
const original = proto.query;
proto.query = function (this: pg.Client, ...args: unknown[]) {
  if (capturing) {
    const q = args[0] as string | { text?: string } | undefined;
    const text = typeof q === 'string' ? q : (q?.text ?? String(q));
    capturing.push(text);
  }
  return original.apply(this, args);
};

const send = (m: FromChild) => process.send?.(m);

let session: Session | null = null;

/** CPU profile of this process between profileStart and profileStop (V8's sampling profiler). */
async function profile(m: ToChild): Promise<ProfileSummary | undefined> {
  if (m.type === 'profileStart') {
    session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    return undefined;
  }
  if (m.type !== 'profileStop' || !session) return undefined;
  const { profile: p } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
  session.disconnect();
  session = null;
  if (m.file) writeFileSync(m.file, JSON.stringify(p));
  return summarizeProfile(p);
}

/** Answers the parent's capture requests; `stop` runs on SIGTERM/disconnect before the process exits. */
export function serveParent(stop: () => Promise<void>): void {
  process.on('message', (m: ToChild) => {
    if (m.type === 'profileStart' || m.type === 'profileStop') {
      profile(m).then(
        (summary) => send({ type: 'reply', id: m.id, profile: summary }),
        (e: unknown) => send({ type: 'fatal', error: `profiler: ${e instanceof Error ? e.message : e}` }),
      );
    } else if (m.type === 'captureStart') {
      capturing = [];
      send({ type: 'reply', id: m.id });
    } else if (m.type === 'captureStop') {
      const statements = capturing ?? [];
      capturing = null;
      send({ type: 'reply', id: m.id, statements });
    }
  });
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    const force = setTimeout(() => process.exit(0), 3000);
    force.unref();
    stop()
      .catch(() => {})
      .finally(() => process.exit(0));
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  process.on('disconnect', shutdown);
}

export function ready(port: number, info?: Record<string, unknown>): void {
  send({ type: 'ready', port, info });
}

export function fatal(e: unknown): never {
  const error = e instanceof Error ? (e.stack ?? e.message) : String(e);
  send({ type: 'fatal', error });
  console.error(error);
  process.exit(1);
}

export function env(name: string): string {
  const v = process.env[name];
  if (!v) fatal(new Error(`${name} is not set (this file is started by bench/compare.ts)`));
  return v;
}

export const POOL_MAX = 10;
