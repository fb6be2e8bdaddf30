/**
 * Comparison server (c): PostGraphile 4.14.1 in library mode, `postgraphile(pgPool, 'public', …)` with a
 * pool of 10, mounted on a plain node http server at /graphql. Its generated schema is used as is
 * (`allFindings`, `organizationByUnitId`, `projectByProjectId`, `reviewByReviewId`, …), plus, because
 * PostGraphile 4's core `condition` only has equality on columns and no aggregates:
 *
 * - four extra `condition` fields on `finding` (graphile-utils' makeAddPgTableConditionPlugin, part of
 *   postgraphile): `financeRowScope: true` and `financeContent: true` (the FINANCE viewer's row scope and
 *   content gate, the same static SQL as the hand-written server, see finance-scope.ts),
 *   `amountMin: "100000"` (amount_involved >= value) and `search: "…"` (ILIKE on title || ' ' ||
 *   description, as the hub);
 * - a STABLE SQL function `bench_finding_stats()` (created here in the throw-away database), which
 *   PostGraphile exposes as the query field `benchFindingStats`: the same GROUP BY as the hand-written
 *   server. Without plugins PostGraphile 4 has no sums or group-by (only `totalCount`).
 *
 * Env: BENCH_DB_URL, BENCH_CZJ_ID, BENCH_MIN_COUNT. Started by bench/compare.ts.
 */
import http from 'node:http';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import pg from 'pg';
import type { Build } from 'postgraphile';
import { env, fatal, ready, serveParent, POOL_MAX } from './child.js';
import { financeContent, financeRowScope, financeStatsSql, likePattern } from './finance-scope.js';

/*
 * The installed tree holds PostGraphile's graphql 15 twice (node_modules/postgraphile/node_modules/graphql
 * and node_modules/graphile-build-pg/node_modules/graphql, each with its own graphile-build), because the
 * root graphql is the hub's 16. Two graphql instances in one schema fail at the first query ("Unexpected
 * input type: Int"). This process loads nothing of the hub, so every `graphql` and `graphile-build`
 * required here is sent to postgraphile's own copy: one instance, as a standalone install would have.
 */
const pgl = path.dirname(createRequire(import.meta.url).resolve('postgraphile/package.json'));
const ONE_COPY: Record<string, string> = {
  graphql: path.join(pgl, 'node_modules', 'graphql'),
  'graphile-build': path.join(pgl, 'node_modules', 'graphile-build'),
};
type Resolve = (request: string, ...rest: unknown[]) => string;
const M = Module as unknown as { _resolveFilename: Resolve };
const resolveFilename = M._resolveFilename;
M._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
  const top = request.split('/')[0]!;
  const to = ONE_COPY[top];
  return resolveFilename.call(this, to ? to + request.slice(top.length) : request, ...rest);
};
const { makeAddPgTableConditionPlugin, postgraphile } = await import('postgraphile');

const czj = Number(env('BENCH_CZJ_ID'));
const minCount = Number(env('BENCH_MIN_COUNT'));
const pool = new pg.Pool({ connectionString: env('BENCH_DB_URL'), max: POOL_MAX });

// `sql.raw` of a fragment whose alias is PostGraphile's table alias: the predicates are static SQL text
// over "f"; PostGraphile's alias is an identifier, so the fragment is built as `<alias>.col`.
type Sql = Build['pgSql'];
type Frag = ReturnType<Sql['fragment']>;
const bool = (build: Build) => ({ type: build.graphql.GraphQLBoolean });
const string = (build: Build) => ({ type: build.graphql.GraphQLString });

/** Renders a predicate written over alias `f` against PostGraphile's alias (e.g. __local_0__). */
function aliased(sql: Sql, alias: Frag, predicate: (f: string) => string): Frag {
  const MARK = '__bench_alias__';
  const parts = predicate(MARK).split(MARK);
  return sql.fragment`(${sql.join(
    parts.map((p, i) => (i === 0 ? sql.raw(p) : sql.fragment`${alias}${sql.raw(p)}`)),
    '',
  )})`;
}

const plugins = [
  makeAddPgTableConditionPlugin(
    'public',
    'finding',
    'financeRowScope',
    bool,
    (value, { sql, sqlTableAlias }) =>
      value === true ? aliased(sql, sqlTableAlias, (f) => financeRowScope(f, czj)) : null,
  ),
  makeAddPgTableConditionPlugin(
    'public',
    'finding',
    'financeContent',
    bool,
    (value, { sql, sqlTableAlias }) =>
      value === true ? aliased(sql, sqlTableAlias, (f) => financeContent(f, czj)) : null,
  ),
  makeAddPgTableConditionPlugin('public', 'finding', 'amountMin', string, (value, { sql, sqlTableAlias }) =>
    typeof value === 'string'
      ? sql.fragment`${sqlTableAlias}.amount_involved >= ${sql.value(value)}::numeric`
      : null,
  ),
  makeAddPgTableConditionPlugin('public', 'finding', 'search', string, (value, { sql, sqlTableAlias }) =>
    typeof value === 'string'
      ? sql.fragment`(${sqlTableAlias}.title || ' ' || ${sqlTableAlias}.description) ilike ${sql.value(likePattern(value))}`
      : null,
  ),
];

try {
  await pool.query(`
    create or replace function public.bench_finding_stats()
    returns table (g text, source text, fiscal_year int, n int, amount text)
    language sql stable as $fn$ ${financeStatsSql(czj, minCount)} $fn$`);
  const middleware = postgraphile(pool, 'public', {
    graphqlRoute: '/graphql',
    graphiql: false,
    disableQueryLog: true,
    disableDefaultMutations: true,
    dynamicJson: true,
    setofFunctionsContainNulls: false,
    ignoreRBAC: false,
    retryOnInitFail: false,
    watchPg: false,
    appendPlugins: plugins,
  });
  const server = http.createServer(middleware);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  serveParent(async () => {
    server.close();
    await middleware.release?.();
    await pool.end();
  });
  ready((server.address() as { port: number }).port);
} catch (e) {
  fatal(e);
}
