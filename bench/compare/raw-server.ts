/**
 * Comparison server (b), "the limit": a plain node http server answering each workload with one or two
 * hand-written statements through `pg` (pool of 10). PostgreSQL builds the JSON (json_agg), node only
 * wraps it, so this is about as little work per request as a server can do. Same rows as the hub gives a
 * FINANCE viewer (static predicates, see finance-scope.ts); fields the hub withholds from FINANCE are
 * returned with their values here. Ids are database ids, not the hub's global ids.
 *
 *   GET /list?source=AUDIT&first=100
 *   GET /nested?first=100
 *   GET /filtered?year=2024&severity=SERIOUS&amountMin=100000&first=20
 *   GET /search?q=…&first=20
 *   GET /stats
 *
 * Env: BENCH_DB_URL, BENCH_CZJ_ID, BENCH_MIN_COUNT. Started by bench/compare.ts.
 */
import http from 'node:http';
import pg from 'pg';
import { env, fatal, ready, serveParent, POOL_MAX } from './child.js';
import { financeContent, financeRowScope, financeStatsSql, likePattern } from './finance-scope.js';

const czj = Number(env('BENCH_CZJ_ID'));
const minCount = Number(env('BENCH_MIN_COUNT'));
const pool = new pg.Pool({ connectionString: env('BENCH_DB_URL'), max: POOL_MAX });

const scope = financeRowScope('f', czj);
const content = financeContent('f', czj);

/** JSON text of the page: the (limited) inner select `p` joined to what the nodes show. */
const LIST_SQL = `
  select coalesce(json_agg(json_build_object(
           'id', p.id, 'title', p.title, 'amountInvolved', p.amount_involved::text, 'unit', json_build_object('name', u.name)
         ) order by p.id desc), '[]')::text as j
  from (select f.id, f.title, f.amount_involved, f.unit_id from finding f
        where ${scope} and f.source = $1 order by f.id desc limit $2) p
  join organization u on u.id = p.unit_id`;

const NESTED_SQL = `
  select coalesce(json_agg(json_build_object(
           'id', p.id, 'title', p.title,
           'unit', json_build_object('name', u.name),
           'project', case when pr.id is null then null
                      else json_build_object('name', pr.name, 'ownerUnit', json_build_object('name', po.name)) end,
           'review', case when r.id is null then null
                     else json_build_object('title', r.title, 'score', r.score::text, 'grade', r.grade) end
         ) order by p.id desc), '[]')::text as j
  from (select f.id, f.title, f.unit_id, f.project_id, f.review_id from finding f
        where ${scope} order by f.id desc limit $1) p
  join organization u on u.id = p.unit_id
  left join project pr on pr.id = p.project_id
  left join organization po on po.id = pr.owner_unit_id
  left join review r on r.id = p.review_id`;

const FILTER_WHERE = `${scope} and ${content} and f.fiscal_year = $1 and f.severity = $2 and f.amount_involved >= $3::numeric`;
const FILTERED_PAGE_SQL = `
  select coalesce(json_agg(json_build_object('id', p.id, 'title', p.title, 'amountInvolved', p.amount_involved::text)
         order by p.amount_involved desc, p.id desc), '[]')::text as j
  from (select f.id, f.title, f.amount_involved from finding f where ${FILTER_WHERE}
        order by f.amount_involved desc, f.id desc limit $4) p`;
const FILTERED_COUNT_SQL = `select count(*)::int as n from finding f where ${FILTER_WHERE}`;

const SEARCH_WHERE = `${scope} and ${content} and (f.title || ' ' || f.description) ilike $1`;
const SEARCH_PAGE_SQL = `
  select coalesce(json_agg(json_build_object('id', p.id, 'title', p.title) order by p.id desc), '[]')::text as j
  from (select f.id, f.title from finding f where ${SEARCH_WHERE} order by f.id desc limit $2) p`;
const SEARCH_COUNT_SQL = `select count(*)::int as n from finding f where ${SEARCH_WHERE}`;

const STATS_SQL = `
  select json_build_object(
    'bySource', coalesce(json_agg(json_build_object('source', s.source, 'count', s.n, 'amount', s.amount)
                 order by s.source) filter (where s.g = 'S'), '[]'),
    'byFiscalYear', coalesce(json_agg(json_build_object('fiscalYear', s.fiscal_year, 'count', s.n, 'amount', s.amount)
                 order by s.fiscal_year) filter (where s.g = 'Y'), '[]')
  )::text as j
  from (${financeStatsSql(czj, minCount)}) s`;

const one = async (sql: string, params: unknown[]) => (await pool.query(sql, params)).rows[0];

async function answer(path: string, q: URLSearchParams): Promise<string | null> {
  const first = Math.min(Number(q.get('first') ?? 100), 100);
  switch (path) {
    case '/list':
      return `{"data":{"nodes":${(await one(LIST_SQL, [q.get('source'), first])).j}}}`;
    case '/nested':
      return `{"data":{"nodes":${(await one(NESTED_SQL, [first])).j}}}`;
    case '/filtered': {
      const params = [Number(q.get('year')), q.get('severity'), q.get('amountMin')];
      const [page, count] = await Promise.all([
        one(FILTERED_PAGE_SQL, [...params, first]),
        one(FILTERED_COUNT_SQL, params),
      ]);
      return `{"data":{"totalCount":${count.n},"nodes":${page.j}}}`;
    }
    case '/search': {
      const pattern = likePattern(q.get('q') ?? '');
      const [page, count] = await Promise.all([
        one(SEARCH_PAGE_SQL, [pattern, first]),
        one(SEARCH_COUNT_SQL, [pattern]),
      ]);
      return `{"data":{"totalCount":${count.n},"nodes":${page.j}}}`;
    }
    case '/stats':
      return `{"data":${(await one(STATS_SQL, [])).j}}`;
    default:
      return null;
  }
}

const server = http.createServer((req, res) => {
  const u = new URL(req.url ?? '/', 'http://x');
  answer(u.pathname, u.searchParams).then(
    (body) => {
      if (body === null) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":[{"message":"no route"}]}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(body);
    },
    (e: unknown) => {
      res
        .writeHead(500, { 'content-type': 'application/json' })
        .end(JSON.stringify({ errors: [{ message: e instanceof Error ? e.message : String(e) }] }));
    },
  );
});

try {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  serveParent(async () => {
    server.close();
    await pool.end();
  });
  ready((server.address() as { port: number }).port);
} catch (e) {
  fatal(e);
}
