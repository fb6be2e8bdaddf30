/**
 * The sharing state in the process: every owner's rules (one entry, the same for every viewer) and each
 * organisation's approved, unexpired grants (one entry per organisation), so building a request's
 * context normally reads nothing from the database.
 *
 * Invalidation, correctness first:
 * - a write (sharing.service.ts) queues `pg_notify('hub_sharing', …)` in its transaction and, once
 *   it has committed, drops the entry in this process at once (sharingChangedLocally), so the next
 *   request of any viewer here sees the change;
 * - with PostgreSQL, every hub process LISTENs on a dedicated connection (src/db/notify.ts) and drops
 *   the entry when the notification arrives, a moment after the commit (its own writes' notifications
 *   it skips: it dropped those itself). While that connection is down nothing is cached: every
 *   request reads the state, as without a cache, until LISTEN is back (logged both ways);
 * - with the embedded database (PGlite: no NOTIFY across connections, one process owns the data),
 *   the local invalidation reaches every cache of the process;
 * - a load that began before an invalidation is used by its request but never stored;
 * - grants expire by the clock: an entry is reloaded once its earliest grant has expired, and the
 *   policy checks every grant's expiry again where it is used (grantCovers, grantSql).
 *
 * Writes that bypass the service (SQL by hand, scripts) do not notify: restart the hubs or notify
 * `hub_sharing` yourself (`select pg_notify('hub_sharing', '')` drops everything).
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { SharingLevel } from '../../shared/enums.js';
import {
  loadActiveGrants,
  loadSharingRules,
  loadSharingState,
  type ActiveGrant,
  type SharingState,
} from '../../policy/sharing.js';
import { isEmbeddedServer, notifyInTransaction, PgListener } from '../../db/notify.js';

export const SHARING_CHANNEL = 'hub_sharing';

/** What a write changed: the rules (every viewer's state) or the grants of one requester organisation. */
export type SharingChange = { rules: true } | { grantsOf: number };

/**
 * The notification: `rules` or `grants:<org id>`, then `@<id of the writer's cache>` when the writer
 * has one (that cache has dropped the change itself once the write ended, so it skips its own).
 */
const payloadOf = (c: SharingChange, origin: string | undefined) =>
  ('rules' in c ? 'rules' : `grants:${c.grantsOf}`) + (origin ? `@${origin}` : '');

/** A payload this version does not understand (or '') drops everything. */
function parsePayload(payload: string): { change: SharingChange | null; origin: string | null } {
  const at = payload.indexOf('@');
  const what = at < 0 ? payload : payload.slice(0, at);
  const origin = at < 0 ? null : payload.slice(at + 1);
  if (what === 'rules') return { change: { rules: true }, origin };
  const m = /^grants:(\d+)$/.exec(what);
  return { change: m ? { grantsOf: Number(m[1]) } : null, origin };
}

type Rules = ReadonlyMap<string, SharingLevel>;
type Grants = readonly ActiveGrant[];
const NO_GRANTS: Grants = Object.freeze([]);

/**
 * - `listen`: PostgreSQL; caches while its LISTEN connection is up.
 * - `in-process`: the embedded database; caches always, invalidated by this process's writes.
 * - `off`: not started or stopped; every request reads.
 */
export type SharingCacheMode = 'listen' | 'in-process' | 'off';

/** Every running cache of the process, for sharingChangedLocally. */
const live = new Set<SharingCache>();

export class SharingCache {
  /** Names this cache in the notifications of writes through its pool. */
  readonly id = randomUUID();
  private mode: SharingCacheMode = 'off';
  private listener: PgListener | null = null;
  /** Stores only while every change is sure to reach this cache. */
  private caching = false;
  /** Bumped by every invalidation: a load that began under an older generation is not stored. */
  private generation = 0;
  private rules: Rules | null = null;
  private rulesLoading: Promise<Rules> | null = null;
  private grants = new Map<number, { grants: Grants; reloadAt: number }>();
  private grantsLoading = new Map<number, Promise<Grants>>();
  /** The LISTEN connection was lost (logged) and has not come back yet. */
  private wasDown = false;

  constructor(
    readonly knex: Knex,
    private readonly log: Logger,
  ) {}

  /**
   * Decides how changes reach this cache (LISTEN on `url`, or in-process for the embedded database)
   * and begins caching. Should LISTEN not connect, the cache starts without caching and keeps trying.
   */
  async start(url: string): Promise<this> {
    if (await isEmbeddedServer(this.knex)) {
      this.mode = 'in-process';
      this.caching = true;
    } else {
      this.mode = 'listen';
      this.listener = new PgListener(
        url,
        SHARING_CHANNEL,
        {
          notification: (payload) => {
            const { change, origin } = parsePayload(payload);
            if (origin !== this.id) this.invalidate(change);
          },
          up: () => {
            // changes committed while nobody listened are unknown: start from nothing
            this.invalidate(null);
            this.caching = true;
            if (this.wasDown) this.log.info('sharing cache: LISTEN connection back; caching again');
            this.wasDown = false;
          },
          down: (err) => {
            this.caching = false;
            this.invalidate(null);
            this.wasDown = true;
            this.log.warn(
              { err },
              'sharing cache: LISTEN connection lost; reading the sharing state on every request until it is back',
            );
          },
        },
        this.log,
      );
      await this.listener.start();
    }
    live.add(this);
    this.log.debug({ mode: this.mode, caching: this.caching }, 'sharing cache started');
    return this;
  }

  async stop(): Promise<void> {
    live.delete(this);
    this.mode = 'off';
    this.caching = false;
    this.invalidate(null);
    await this.listener?.stop();
    this.listener = null;
  }

  /** For diagnostics and tests. */
  status(): { mode: SharingCacheMode; caching: boolean; listenerPid: number | null } {
    return { mode: this.mode, caching: this.caching, listenerPid: this.listener?.pid ?? null };
  }

  /** The sharing state of a viewer of organisation `orgId` (null: rules only), as loadSharingState. */
  async get(orgId: number | null, now = Date.now()): Promise<SharingState> {
    if (!this.caching) return loadSharingState(this.knex, orgId, new Date(now));
    const rules = this.rules ?? this.loadRules();
    const grants = orgId === null ? NO_GRANTS : this.grantsOf(orgId, now);
    if (!(rules instanceof Promise) && !(grants instanceof Promise)) return { rules, grants };
    const [r, g] = await Promise.all([rules, grants]);
    return { rules: r, grants: g };
  }

  /** Drops what `change` affects (null: everything) and any load under way of it. */
  invalidate(change: SharingChange | null): void {
    this.generation++;
    if (change === null || 'rules' in change) {
      this.rules = null;
      this.rulesLoading = null;
    }
    if (change === null) {
      this.grants.clear();
      this.grantsLoading.clear();
    } else if ('grantsOf' in change) {
      this.grants.delete(change.grantsOf);
      this.grantsLoading.delete(change.grantsOf);
    }
  }

  private loadRules(): Promise<Rules> {
    if (this.rulesLoading) return this.rulesLoading;
    const generation = this.generation;
    const p = loadSharingRules(this.knex).then((rules) => {
      if (generation === this.generation && this.caching) this.rules = rules;
      return rules;
    });
    this.rulesLoading = p;
    const done = () => {
      if (this.rulesLoading === p) this.rulesLoading = null;
    };
    p.then(done, done);
    return p;
  }

  private grantsOf(orgId: number, now: number): Grants | Promise<Grants> {
    const hit = this.grants.get(orgId);
    if (hit && now < hit.reloadAt) return hit.grants;
    if (hit) this.grants.delete(orgId); // a grant has expired: read again
    const loading = this.grantsLoading.get(orgId);
    if (loading) return loading;
    const generation = this.generation;
    const p = loadActiveGrants(this.knex, orgId, new Date(now)).then((list) => {
      const grants = Object.freeze(list);
      if (generation === this.generation && this.caching) {
        const reloadAt = Math.min(...grants.map((g) => g.expiresAt.getTime()));
        this.grants.set(orgId, { grants, reloadAt });
      }
      return grants;
    });
    this.grantsLoading.set(orgId, p);
    const done = () => {
      if (this.grantsLoading.get(orgId) === p) this.grantsLoading.delete(orgId);
    };
    p.then(done, done);
    return p;
  }
}

/** Starts the process's cache of the sharing state for the database `knex` reads (URL `url`). */
export function startSharingCache(knex: Knex, log: Logger, url: string): Promise<SharingCache> {
  return new SharingCache(knex, log).start(url);
}

/** The running cache over `knex`, if any (diagnostics and tests). */
export function sharingCacheOf(knex: Knex): SharingCache | undefined {
  return [...live].find((c) => c.knex === knex);
}

/**
 * In a write's transaction `tx`: every hub process listening on the database drops what the change
 * affects once the transaction commits (nothing happens if it rolls back). `topLevel`: `tx` commits
 * when the write ends, so this process's cache may skip the notification (sharingChangedLocally has
 * dropped the change by then); inside an outer transaction it must not, as the commit comes later.
 */
export async function announceSharingChange(
  tx: EntityManager,
  change: SharingChange,
  topLevel: boolean,
): Promise<void> {
  const trx = tx.getTransactionContext<Knex.Transaction>();
  if (!trx) throw new Error('announceSharingChange needs the transaction of the write');
  const origin = topLevel ? sharingCacheOf(tx.getKnex())?.id : undefined;
  await notifyInTransaction(trx, SHARING_CHANNEL, payloadOf(change, origin));
}

/**
 * After a write through `knex` has ended (committed or not: dropping too much is harmless): the caches
 * of this process drop what it changed at once, without waiting for the notification — the cache over
 * the same pool, and with the embedded database every cache of the process.
 */
export function sharingChangedLocally(knex: Knex, change: SharingChange): void {
  for (const c of live) if (c.knex === knex || c.status().mode === 'in-process') c.invalidate(change);
}
