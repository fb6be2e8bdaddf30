/**
 * Every setting the hub reads from the environment, in one place. Documented in README.md
 * ("Configuration"); nothing else in src/ reads process.env.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

export interface HubConfig {
  /** HTTP port of the GraphQL endpoint, /healthz and /readyz. */
  port: number;
  /** Bind address. */
  host: string;
  /** postgres://… of a real PostgreSQL; undefined = embedded PGlite under dataDir. */
  databaseUrl: string | undefined;
  /** Folder for the embedded database, the generated JWT secret and (later) evidence files. */
  dataDir: string;
  /** Database pool size. */
  dbPoolMax: number;
  /** HS256 secret for bearer tokens (raw bytes). */
  jwtSecret: Uint8Array;
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
  /** Tasks overdue by more than this many days may be escalated (督办). */
  escalationDays: number;
  /** Discipline figures below this count are suppressed in aggregates for other roles. */
  disciplineMinCount: number;
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

/**
 * The JWT secret comes from HUB_JWT_SECRET, or else from `<dataDir>/jwt-secret`, generated on first use,
 * so that `npm run token` and the server agree without any setup.
 */
function loadSecret(env: NodeJS.ProcessEnv, dataDir: string): Uint8Array {
  const fromEnv = env.HUB_JWT_SECRET;
  if (fromEnv) {
    if (fromEnv.length < 32) throw new Error('HUB_JWT_SECRET must be at least 32 characters');
    return new TextEncoder().encode(fromEnv);
  }
  const file = path.join(dataDir, 'jwt-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    try {
      writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  return new TextEncoder().encode(readFileSync(file, 'utf8').trim());
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): HubConfig {
  const dataDir = path.resolve(env.HUB_DATA_DIR || './.data');
  const scale = Number(env.HUB_SEED_SCALE ?? '1');
  if (!(scale > 0)) throw new Error(`HUB_SEED_SCALE must be a positive number, got "${env.HUB_SEED_SCALE}"`);
  return {
    port: int('PORT', env.PORT, 4000),
    host: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    dbPoolMax: int('HUB_DB_POOL_MAX', env.HUB_DB_POOL_MAX, 10),
    jwtSecret: loadSecret(env, dataDir),
    jwtIssuer: env.HUB_JWT_ISSUER || 'oversight-hub',
    jwtAudience: env.HUB_JWT_AUDIENCE || 'oversight-hub-api',
    logLevel: env.LOG_LEVEL || 'info',
    seedDemo: bool('HUB_SEED_DEMO', env.HUB_SEED_DEMO, true),
    seedScale: scale,
    redisUrl: env.REDIS_URL || undefined,
    evidenceDir: path.resolve(env.HUB_EVIDENCE_DIR || path.join(dataDir, 'evidence')),
    evidenceMaxBytes: int('HUB_EVIDENCE_MAX_BYTES', env.HUB_EVIDENCE_MAX_BYTES, 20 * 1024 * 1024),
    escalationDays: int('HUB_ESCALATION_DAYS', env.HUB_ESCALATION_DAYS, 30),
    disciplineMinCount: int('HUB_DISCIPLINE_MIN_COUNT', env.HUB_DISCIPLINE_MIN_COUNT, 5),
  };
}
