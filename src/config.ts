/**
 * Every setting the hub reads from the environment, in one place. Documented in README.md
 * ("Configuration"); nothing else in src/ reads process.env.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Role } from './shared/enums.js';

export interface HubConfig {
  /** HTTP port of the GraphQL endpoint, /healthz and /readyz. */
  port: number;
  /** Bind address. */
  host: string;
  /** postgres://… of a real PostgreSQL; undefined = embedded PGlite under dataDir. */
  databaseUrl: string | undefined;
  /**
   * postgres://… of a streaming replica of DATABASE_URL: queries read from it, with read-your-writes
   * for the writer (src/db/replica.ts); unset = everything on DATABASE_URL.
   */
  databaseReplicaUrl: string | undefined;
  /** Folder for the embedded database, the generated JWT secret and (later) evidence files. */
  dataDir: string;
  /** Database pool size. */
  dbPoolMax: number;
  /** HS256 secret for bearer tokens (raw bytes). */
  jwtSecret: Uint8Array;
  /** Where that secret comes from, for messages: "HUB_JWT_SECRET" or the path of the secret file. */
  jwtSecretSource: string;
  jwtIssuer: string;
  jwtAudience: string;
  logLevel: string;
  /** Load the demo data set when the database is empty (default true). */
  seedDemo: boolean;
  /** Scale factor of the demo data set. */
  seedScale: number;
  /** redis://… for change events across hub instances; unset = in-process only. */
  redisUrl: string | undefined;
  /** Where evidence files are kept (content-addressed). */
  evidenceDir: string;
  evidenceMaxBytes: number;
  /**
   * Where evidence bytes live (HUB_EVIDENCE_STORE): `database` (table evidence_blob, reached by every
   * instance; the default with DATABASE_URL) or `folder` (evidenceDir; the default embedded).
   */
  evidenceStore: 'database' | 'folder';
  /** Tasks overdue by more than this many days may be escalated (督办). */
  escalationDays: number;
  /** Discipline figures below this count are suppressed in aggregates for other roles. */
  disciplineMinCount: number;
  /**
   * `stats` answers kept per process (HUB_STATS_CACHE_ENTRIES, default 500; 0 = none), keyed by the data
   * version and the viewer's class (src/modules/statistics/statistics.cache.ts).
   */
  statsCacheEntries: number;
  /**
   * Answer compilable `findings` operations from response-shaped SQL (HUB_COMPILED_READS, default
   * true; src/http/compiled-reads.ts). Off: every operation is executed field by field.
   */
  compiledReads: boolean;
  /** NODE_ENV=production: the demo-token endpoint is never served, the explorer is off by default. */
  production: boolean;
  /**
   * Serve the offline GraphQL explorer (GraphiQL from node_modules) at GET /graphql for browsers, and
   * the landing page at / with the schema and the permission matrix (default true, false in production).
   */
  explorer: boolean;
  /**
   * Roles that may introspect the schema in production (HUB_INTROSPECTION_ROLES, comma-separated,
   * e.g. HUB_ADMIN); outside production everyone may.
   */
  introspectionRoles: Role[];
  /**
   * Cost points per organisation per minute (HUB_RATE_LIMIT_PER_MINUTE; 0 = off). Default 300,000 in
   * production, off otherwise. Shared through Redis when REDIS_URL is set.
   */
  rateLimitPerMinute: number;
  /** HUB_TRUSTED_DOCUMENTS: off (default), log unknown operations, or require registered ones. */
  trustedDocuments: 'off' | 'log' | 'require';
  /** HUB_TRUSTED_DOCUMENTS_DIR: the registry, `<ORG-CODE>/` and `_shared/` (default ./trusted-documents). */
  trustedDocumentsDir: string;
  /**
   * HUB_SHUTDOWN_DELAY_MS: after SIGTERM, /readyz answers 503 at once and the hub keeps serving this
   * long before it closes the listening socket, so that a load balancer stops sending it requests
   * first. Default 5,000 in production, 0 otherwise.
   */
  shutdownDelayMs: number;
}

function int(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

function bool(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new Error(`${name} must be true or false, got "${raw}"`);
}

/** No secret yet, and the caller (e.g. `npm run token`) may not create one. */
export class MissingSecretError extends Error {
  readonly code = 'MISSING_JWT_SECRET';
}

/**
 * The JWT secret comes from HUB_JWT_SECRET, or else from `<dataDir>/jwt-secret`, generated on first use
 * (by the hub, or any command with `createSecret`), so that `npm run token` and the server agree without
 * any setup. A command that only signs tokens must not create one: a fresh secret signs tokens that no
 * running hub accepts.
 */
function loadSecret(
  env: NodeJS.ProcessEnv,
  dataDir: string,
  createSecret: boolean,
): { secret: Uint8Array; source: string } {
  const fromEnv = env.HUB_JWT_SECRET;
  if (fromEnv) {
    if (fromEnv.length < 32) throw new Error('HUB_JWT_SECRET must be at least 32 characters');
    return { secret: new TextEncoder().encode(fromEnv), source: 'HUB_JWT_SECRET' };
  }
  const file = path.join(dataDir, 'jwt-secret');
  if (!existsSync(file)) {
    if (!createSecret) {
      throw new MissingSecretError(
        `no JWT secret in ${dataDir}: no hub has run with this data folder. Start the hub once with ` +
          `HUB_DATA_DIR=${dataDir}, point HUB_DATA_DIR at the hub's data folder, or set HUB_JWT_SECRET ` +
          'to the secret the hub uses.',
      );
    }
    mkdirSync(dataDir, { recursive: true });
    try {
      writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  return { secret: new TextEncoder().encode(readFileSync(file, 'utf8').trim()), source: file };
}

/**
 * `createSecret: false` (for `npm run token`) throws MissingSecretError instead of generating a secret
 * into a data folder that has none.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  opts: { createSecret?: boolean } = {},
): HubConfig {
  const dataDir = path.resolve(env.HUB_DATA_DIR || './.data');
  const scale = Number(env.HUB_SEED_SCALE ?? '1');
  const production = env.NODE_ENV === 'production';
  if (!(scale > 0)) throw new Error(`HUB_SEED_SCALE must be a positive number, got "${env.HUB_SEED_SCALE}"`);
  const secret = loadSecret(env, dataDir, opts.createSecret ?? true);
  return {
    port: int('PORT', env.PORT, 4000),
    host: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    databaseReplicaUrl: replicaUrlOf(env),
    dataDir,
    dbPoolMax: int('HUB_DB_POOL_MAX', env.HUB_DB_POOL_MAX, 10),
    jwtSecret: secret.secret,
    jwtSecretSource: secret.source,
    jwtIssuer: env.HUB_JWT_ISSUER || 'oversight-hub',
    jwtAudience: env.HUB_JWT_AUDIENCE || 'oversight-hub-api',
    logLevel: env.LOG_LEVEL || 'info',
    seedDemo: bool('HUB_SEED_DEMO', env.HUB_SEED_DEMO, true),
    seedScale: scale,
    redisUrl: env.REDIS_URL || undefined,
    evidenceDir: path.resolve(env.HUB_EVIDENCE_DIR || path.join(dataDir, 'evidence')),
    evidenceMaxBytes: int('HUB_EVIDENCE_MAX_BYTES', env.HUB_EVIDENCE_MAX_BYTES, 20 * 1024 * 1024),
    evidenceStore: evidenceStoreOf(env),
    escalationDays: int('HUB_ESCALATION_DAYS', env.HUB_ESCALATION_DAYS, 30),
    disciplineMinCount: int('HUB_DISCIPLINE_MIN_COUNT', env.HUB_DISCIPLINE_MIN_COUNT, 5),
    statsCacheEntries: int('HUB_STATS_CACHE_ENTRIES', env.HUB_STATS_CACHE_ENTRIES, 500),
    compiledReads: bool('HUB_COMPILED_READS', env.HUB_COMPILED_READS, true),
    production,
    explorer: bool('HUB_EXPLORER', env.HUB_EXPLORER, !production),
    introspectionRoles: roleList('HUB_INTROSPECTION_ROLES', env.HUB_INTROSPECTION_ROLES),
    trustedDocuments: oneOf(
      'HUB_TRUSTED_DOCUMENTS',
      env.HUB_TRUSTED_DOCUMENTS,
      ['off', 'log', 'require'],
      'off',
    ),
    trustedDocumentsDir: path.resolve(env.HUB_TRUSTED_DOCUMENTS_DIR || './trusted-documents'),
    rateLimitPerMinute: int(
      'HUB_RATE_LIMIT_PER_MINUTE',
      env.HUB_RATE_LIMIT_PER_MINUTE,
      production ? 300_000 : 0,
    ),
    shutdownDelayMs: int('HUB_SHUTDOWN_DELAY_MS', env.HUB_SHUTDOWN_DELAY_MS, production ? 5_000 : 0),
  };
}

function oneOf<T extends string>(
  name: string,
  raw: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  const v = raw?.trim().toLowerCase();
  if (!v) return fallback;
  if ((allowed as readonly string[]).includes(v)) return v as T;
  throw new Error(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
}

function replicaUrlOf(env: NodeJS.ProcessEnv): string | undefined {
  const url = env.DATABASE_REPLICA_URL || undefined;
  if (url && !env.DATABASE_URL) throw new Error('DATABASE_REPLICA_URL needs DATABASE_URL (its primary)');
  return url;
}

function evidenceStoreOf(env: NodeJS.ProcessEnv): 'database' | 'folder' {
  const raw = env.HUB_EVIDENCE_STORE?.trim().toLowerCase();
  if (!raw) return env.DATABASE_URL ? 'database' : 'folder';
  if (raw === 'database' || raw === 'folder') return raw;
  throw new Error(`HUB_EVIDENCE_STORE must be database or folder, got "${env.HUB_EVIDENCE_STORE}"`);
}

/** A comma-separated list of roles; an unknown name is a start-up error that names it. */
function roleList(name: string, raw: string | undefined): Role[] {
  if (!raw?.trim()) return [];
  const known = new Set<string>(Object.values(Role));
  return raw.split(',').map((r) => {
    const role = r.trim().toUpperCase();
    if (!known.has(role))
      throw new Error(`${name}: unknown role "${r.trim()}" (known: ${[...known].join(', ')})`);
    return role as Role;
  });
}
