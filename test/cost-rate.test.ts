/**
 * The cost estimate (lists multiplied by first/last, per-role budgets for one operation) and the
 * per-organisation rate limit (cost points per minute; in memory, and in Redis shared by instances).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { startTestHub, type TestHub } from './support/harness.js';
import { redisAvailable, TEST_REDIS_URL } from './support/redis.js';
import { COST_BUDGETS } from '../src/http/cost.js';
import { MemoryRateLimiter, RedisRateLimiter } from '../src/http/rate-limit.js';
import { OrganizationKind, Role } from '../src/shared/enums.js';
import { Factory } from './support/factories.js';

const hasRedis = await redisAvailable();

let hub: TestHub;
let limited: TestHub;
let w: Awaited<ReturnType<Factory['world']>>;
beforeAll(async () => {
  hub = await startTestHub();
  limited = await startTestHub({ rateLimitPerMinute: 500 });
  w = await new Factory(hub.knex).world();
});
afterAll(async () => {
  await hub?.stop();
  await limited?.stop();
});

type Body = { data?: unknown; errors?: { message: string; extensions: Record<string, unknown> }[] };
const post = async (h: TestHub, query: string, token?: string, variables?: object) => {
  const res = await fetch(h.server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { res, body: (await res.json()) as Body };
};

// organisations → their findings: 1 + n × (1 row + 1 unit... per finding)
const NESTED = `query Nested($orgs: Int, $findings: Int) {
  organizations(first: $orgs) { nodes { id findingsAbout(first: $findings) { nodes { id unit { id } } } } }
}`;
const nestedCost = (orgs: number, findings: number) => 1 + orgs * (1 + 1 + findings * (1 + 1));

describe('the cost estimate', () => {
  it('multiplies lists by first: two nested pages of 100 cost 20,201 and are refused before anything runs', async () => {
    const token = await hub.token(Role.AUDIT, w.audit.code);
    const { res, body } = await post(hub, NESTED, token, { orgs: 100, findings: 100 });
    expect(res.status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors![0]!.extensions).toEqual({
      code: 'LIMIT_EXCEEDED',
      cost: nestedCost(100, 100),
      budget: COST_BUDGETS.AUDIT,
    });
    expect(nestedCost(100, 100)).toBe(20_201);
  });

  it('lets the same shape through with smaller pages, and reports its cost', async () => {
    const token = await hub.token(Role.AUDIT, w.audit.code);
    const { res, body } = await post(hub, NESTED, token, { orgs: 40, findings: 40 });
    expect(body.errors).toBeUndefined();
    expect(res.status).toBe(200);
    expect(res.headers.get('x-cost')).toBe(String(nestedCost(40, 40)));
    // without first: the default page of 20
    const dflt = await post(hub, NESTED, token, {});
    expect(dflt.res.headers.get('x-cost')).toBe(String(nestedCost(20, 20)));
  });

  it('has a budget per role: 1,201 points are too many for the public, not for a unit', async () => {
    const q = '{ organizations(first: 100) { nodes { findingsAbout(first: 10) { nodes { id } } } } }';
    const anonymous = await post(hub, q);
    expect(anonymous.res.status).toBe(400);
    expect(anonymous.body.errors![0]!.extensions).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      cost: 1201,
      budget: COST_BUDGETS.PUBLIC,
    });
    const unit = await post(hub, q, await hub.token(Role.UNIT, w.unitA.code));
    expect(unit.res.status).toBe(200);
    expect(unit.res.headers.get('x-cost')).toBe('1201');
  });

  it('counts a fragment and an inline fragment like the fields they spread, and skips @skip(if: true)', async () => {
    const token = await hub.token(Role.AUDIT, w.audit.code);
    const q = `query($skip: Boolean!) {
      organizations(first: 100) { ...Page }
      again: organizations(first: 100) @skip(if: $skip) { nodes { id } }
    }
    fragment Page on OrganizationConnection { nodes { ... on Organization { findingsAbout(first: 100) { nodes { id } } } } }`;
    const on = await post(hub, q, token, { skip: true });
    expect(on.body.errors![0]!.extensions).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      cost: 1 + 100 * (2 + 100),
    });
    const small = q.replaceAll('first: 100) { nodes { id } } } } }', 'first: 10) { nodes { id } } } } }');
    const off = await post(hub, small, token, { skip: false });
    expect(off.res.status).toBe(200);
    expect(off.res.headers.get('x-cost')).toBe(String(1 + 100 * (2 + 10) + (1 + 100)));
  });

  it("does not count introspection: the explorer's full introspection query passes for the public", async () => {
    const { getIntrospectionQuery } = await import('graphql');
    const { res, body } = await post(hub, getIntrospectionQuery());
    expect(body.errors).toBeUndefined();
    expect(res.status).toBe(200);
    expect(res.headers.get('x-cost')).toBe('0');
  });

  it('charges a mutation more than a read', async () => {
    const token = await hub.token(Role.AUDIT, w.audit.code);
    // a write refused by the service still went through the estimate first
    const { res } = await post(
      hub,
      'mutation { findingWithdraw(input: { id: "RmluZGluZzow", reason: "测试", version: 1 }) { userErrors { message } } }',
      token,
    );
    expect(Number(res.headers.get('x-cost'))).toBeGreaterThanOrEqual(11);
  });
});

describe('rate limits per organisation', () => {
  it('refuses an organisation over its points per minute with RATE_LIMITED and a retry hint; others go on', async () => {
    const a = await limited.token(Role.AUDIT, w.audit.code);
    const q = '{ organizations(first: 99) { nodes { id } } }'; // 100 points
    for (let i = 0; i < 5; i++) {
      const { res } = await post(limited, q, a);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-ratelimit-remaining')).toBe(String(500 - 100 * (i + 1)));
    }
    const over = await post(limited, q, a);
    expect(over.res.status).toBe(429);
    expect(over.body.data).toBeUndefined();
    const ext = over.body.errors![0]!.extensions;
    expect(ext.code).toBe('RATE_LIMITED');
    expect(ext.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(ext.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(over.res.headers.get('retry-after')).toBe(String(ext.retryAfterSeconds));
    // another user of the same organisation shares the budget; another organisation has its own
    const colleague = await limited.token(Role.AUDIT, w.audit.code);
    expect((await post(limited, q, colleague)).res.status).toBe(429);
    expect((await post(limited, q, await limited.token(Role.FINANCE, w.finance.code))).res.status).toBe(200);
  });

  it('a refused request charges nothing, and the window opens again after a minute', async () => {
    let t = 0;
    const m = new MemoryRateLimiter(300, 60_000, () => t);
    expect(await m.charge('org:A', 200)).toEqual({ ok: true, remaining: 100 });
    expect(await m.charge('org:A', 200)).toEqual({ ok: false, retryAfterMs: 60_000 });
    t = 30_000;
    expect(await m.charge('org:A', 100)).toEqual({ ok: true, remaining: 0 });
    expect(await m.charge('org:A', 1)).toEqual({ ok: false, retryAfterMs: 30_000 });
    t = 60_000;
    expect(await m.charge('org:A', 300)).toEqual({ ok: true, remaining: 0 });
  });

  it('keeps limiting in memory, and says so, while Redis cannot be reached', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, { write: (l: string) => lines.push(l) });
    const r = await RedisRateLimiter.connect('redis://127.0.0.1:1', 100, log);
    try {
      expect((await r.charge('org:X', 60)).ok).toBe(true);
      expect((await r.charge('org:X', 60)).ok).toBe(false);
      expect(lines.join('')).toMatch(/Redis unreachable; limiting per instance in memory/);
    } finally {
      await r.close();
    }
  });
});

describe('subscriptions over WebSocket get the same limits', () => {
  const trySubscribe = async (h: TestHub, query: string, token: string) => {
    const client = createClient({
      url: h.server.url.replace('http', 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
    });
    try {
      return await new Promise<{ errors?: { extensions?: { code?: string } }[]; started?: true }>(
        (resolve) => {
          client.subscribe(
            { query },
            {
              next: () => {},
              error: (e) => resolve({ errors: e as { extensions?: { code?: string } }[] }),
              complete: () => resolve({}),
            },
          );
          // a subscription that was accepted just waits for changes
          setTimeout(() => resolve({ started: true }), 1500);
        },
      );
    } finally {
      await client.dispose();
    }
  };

  it('refuses an alias bomb, and one over the rate budget; accepts an ordinary subscription', async () => {
    const token = await limited.token(Role.REFORM, w.reform.code);
    const bomb = `subscription { ${Array.from({ length: 50 }, (_, i) => `a${i}: findingChanged { kind }`).join(' ')} }`;
    const r1 = await trySubscribe(limited, bomb, token);
    expect(r1.errors?.map((e) => e.extensions?.code)).toContain('LIMIT_EXCEEDED');
    const ok = await trySubscribe(
      limited,
      'subscription { findingChanged { kind finding { title } } }',
      token,
    );
    expect(ok).toEqual({ started: true });
    // spend the organisation's minute over HTTP, then the next subscription is refused
    while ((await post(limited, '{ organizations(first: 99) { nodes { id } } }', token)).res.status === 200);
    while ((await post(limited, '{ viewer { role } }', token)).res.status === 200); // 1 point each
    const r2 = await trySubscribe(
      limited,
      'subscription { findingChanged { kind finding { title } } }',
      token,
    );
    expect(r2.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });
});

describe.skipIf(!hasRedis)('rate limits shared through Redis (two instances)', () => {
  it('an organisation that spent its budget on instance A is refused on instance B', async () => {
    const a = await startTestHub({ redisUrl: TEST_REDIS_URL, rateLimitPerMinute: 300 });
    const b = await startTestHub({ redisUrl: TEST_REDIS_URL, rateLimitPerMinute: 300 });
    try {
      const org = await new Factory(a.knex).org(OrganizationKind.OVERSIGHT_AGENCY);
      const q = '{ organizations(first: 99) { nodes { id } } }';
      const ta = await a.token(Role.AUDIT, org.code);
      const tb = await b.token(Role.AUDIT, org.code);
      expect((await post(a, q, ta)).res.status).toBe(200);
      expect((await post(b, q, tb)).res.status).toBe(200);
      expect((await post(a, q, ta)).res.status).toBe(200);
      const over = await post(b, q, tb);
      expect(over.res.status).toBe(429);
      expect(over.body.errors![0]!.extensions.code).toBe('RATE_LIMITED');
      expect((await post(a, q, ta)).res.status).toBe(429);
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});
