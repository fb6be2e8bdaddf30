/** Shape of bench/results/<time>.json (written by run.ts, rendered by report.ts). */

export interface LoadRun {
  /** Mean of autocannon's per-second request counts. */
  reqPerSec: number;
  requestsTotal: number;
  durationS: number;
  latencyMs: { mean: number; p50: number; p97_5: number; p99: number; max: number };
  /** Socket errors and timeouts. */
  errors: number;
  timeouts: number;
  non2xx: number;
  /** 2xx responses whose body carried a GraphQL error with a code other than FORBIDDEN. */
  gqlErrorResponses: number;
  statusCodes: Record<string, number>;
}

export interface SqlStatement {
  sql: string;
  bindings: unknown[];
  /** From knex 'query' to 'query-response' (includes waiting for a pool connection). */
  ms: number;
  rows: number | null;
  kind?: string;
}

export interface SqlProfile {
  /** SQL statements one request caused (measured alone, after a warm-up request). */
  statements: number;
  sqlMs: number;
  requestMs: number;
  list: SqlStatement[];
}

export interface ExplainResult {
  label: string;
  kind: string;
  sql: string;
  bindings: unknown[];
  planningMs: number;
  executionMs: number;
  totalMs: number;
  /** How the plan reads the finding table, e.g. "Seq Scan" or "Index Scan Backward using finding_pkey". */
  findingAccess: string;
  usesSeqScan: boolean;
  usesIndex: boolean;
  sortMethod: string | null;
  sharedHitBlocks: number;
  sharedReadBlocks: number;
  topNode: string;
  /** EXPLAIN (ANALYZE, BUFFERS) text. */
  plan: string;
}

export interface ScenarioResult {
  name: string;
  what: string;
  role: string;
  query: string;
  variables: Record<string, unknown> | null;
  shape: Partial<Record<'on' | 'off', Record<string, number>>>;
  runs: Partial<Record<'on' | 'off', LoadRun>>;
  /** shield on divided by shield off. */
  ratio: { reqPerSec: number; p50: number; p99: number } | null;
  sql: Partial<Record<'on' | 'off', SqlProfile>>;
  explain: ExplainResult[];
}

export interface DeepPageResult {
  name: string;
  what: string;
  walks: number;
  page1MedianMs: number;
  page20MedianMs: number;
  ratio20to1: number;
  medianMsPerPage: number[];
  sql: Record<string, SqlProfile>;
  explain: ExplainResult[];
}

export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  wallS: number;
  machine: { nproc: number; cpu: string; memGB: number; node: string; platform: string; postgres: string };
  /** The tree measured: HEAD plus `git status --porcelain` lines (work in progress is measured too). */
  git: { commit: string | null; dirtyFiles: number; dirty: string[] };
  options: {
    scale: number;
    duration: number;
    connections: number;
    warmup: number;
    workers: number;
    only: string[] | null;
    poolMax: number;
  };
  seed: {
    ms: number;
    vacuumAnalyzeMs: number;
    counts: object;
    rowCounts: Record<string, number>;
    rowsTotal: number;
    findingsPerSec: number;
    rowsPerSec: number;
    dbSizeMB: number;
    overBudget: boolean;
  };
  scenarios: ScenarioResult[];
  deepPages: DeepPageResult[];
}
