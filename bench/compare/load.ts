/**
 * One load segment: autocannon against one server at one connection level. Responses during the
 * warm-up are discarded; then it measures for at least `minS` seconds and until every connection has
 * completed a request (so a workload slower than the window is still measured), at most `maxS` seconds.
 * Latencies are recorded per response, so segments of one server can be merged exactly.
 *
 * Stopping abandons the requests in flight, which the server and PostgreSQL would go on working
 * through; `drain` cancels those statements and waits until the server is idle, so the next segment
 * (often another server) starts on a quiet database.
 */
import autocannon from 'autocannon';
import type { Knex } from 'knex';
import { cpuMs, ProcSampler, type ProcStats } from './proc.js';

export interface Target {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

export interface Segment {
  round: number;
  measuredS: number;
  completed: number;
  latencies: number[];
  errors: number;
  timeouts: number;
  non2xx: number;
  mismatches: number;
  statusCodes: Record<string, number>;
  proc: ProcStats;
  drainMs: number;
}

let running: autocannon.Instance | null = null;
/** Stops a load run in progress (cleanup on ctrl-c). */
export const stopLoad = () => running?.stop();

export function runSegment(opts: {
  target: Target;
  connections: number;
  warmupS: number;
  minS: number;
  maxS: number;
  verifyBody: (body: string) => boolean;
  sampler: ProcSampler;
  round: number;
}): Promise<Omit<Segment, 'drainMs'>> {
  const { target, connections, warmupS, minS, maxS, sampler } = opts;
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const statusCodes: Record<string, number> = {};
    let errors = 0;
    let timeouts = 0;
    let non2xx = 0;
    let mismatches = 0;
    let measuring = false;
    let markedAt = 0;
    let measuredS = 0;
    let proc: ProcStats | null = null;
    let check: NodeJS.Timeout | null = null;
    sampler.start();
    const inst = autocannon(
      {
        url: target.url,
        method: target.method,
        headers: target.headers,
        body: target.body,
        connections,
        duration: warmupS + maxS + 5, // stopped by `check` below
        // this process only orchestrates: its main thread is the load generator's own (a worker
        // thread per run would cost a second of start-up each on a busy 2-core machine)
        workers: 0,
        verifyBody: opts.verifyBody,
        timeout: 60,
      },
      (err) => {
        running = null;
        if (check) clearInterval(check);
        if (err) return reject(err);
        if (!proc) {
          // ended on its own (should not happen before `check` stops it)
          measuredS = markedAt ? (performance.now() - markedAt) / 1000 : 0;
          proc = sampler.stop();
        }
        resolve({
          round: opts.round,
          measuredS: Math.round(measuredS * 100) / 100,
          completed: latencies.length + non2xx,
          latencies,
          errors,
          timeouts,
          non2xx,
          mismatches,
          statusCodes,
          proc,
        });
      },
    );
    running = inst;
    inst.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      if (!measuring) return;
      statusCodes[status] = (statusCodes[status] ?? 0) + 1;
      if (status >= 200 && status < 300) latencies.push(ms);
      else non2xx++;
    });
    inst.on('reqError', (e: Error) => {
      if (!measuring) return;
      errors++;
      if (/timed out/.test(e.message)) timeouts++;
    });
    inst.on('reqMismatch', () => {
      if (measuring) mismatches++;
    });
    const mark = () => {
      measuring = true;
      markedAt = performance.now();
      sampler.mark();
    };
    setTimeout(mark, warmupS * 1000);
    check = setInterval(() => {
      if (!measuring || proc) return;
      const s = (performance.now() - markedAt) / 1000;
      const done = latencies.length + non2xx;
      if ((s >= minS && done >= connections) || s >= maxS) {
        measuring = false;
        measuredS = s;
        proc = sampler.stop();
        inst.stop();
      }
    }, 50);
  });
}

/**
 * Cancels the statements the abandoned requests left running (client backends of this database
 * only, never autovacuum) until none is active and the server process has used no CPU for 300 ms.
 */
export async function drain(knex: Knex, pid: number, maxMs = 60_000): Promise<number> {
  const t0 = performance.now();
  let quiet = 0;
  let last = cpuMs(pid);
  while (performance.now() - t0 < maxMs) {
    const { rows } = await knex.raw(
      `select pg_cancel_backend(pid) from pg_stat_activity
        where datname = current_database() and state = 'active' and backend_type = 'client backend'
          and pid <> pg_backend_pid()`,
    );
    await new Promise((r) => setTimeout(r, 100));
    const now = cpuMs(pid);
    const busy = now !== null && last !== null ? now - last : 0;
    last = now;
    quiet = rows.length === 0 && busy <= 10 ? quiet + 1 : 0;
    if (quiet >= 3) break;
  }
  return Math.round(performance.now() - t0);
}

const pct = (sorted: number[], q: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]! : 0;
const r1 = (x: number) => Math.round(x * 10) / 10;
const r2 = (x: number) => Math.round(x * 100) / 100;

/** One server's segments (rounds) of one workload and connection level, merged. */
export function combine(segments: Segment[]) {
  const lat = segments.flatMap((s) => s.latencies).sort((a, b) => a - b);
  const seconds = segments.reduce((a, s) => a + s.measuredS, 0);
  const completed = segments.reduce((a, s) => a + s.completed, 0);
  const sum = (f: (s: Segment) => number) => segments.reduce((a, s) => a + f(s), 0);
  const sumOrNull = (f: (p: ProcStats) => number | null) =>
    segments.every((s) => f(s.proc) != null) ? sum((s) => f(s.proc)!) : null;
  const serverCpuMs = sumOrNull((p) => p.serverCpuMs);
  const pgCpuMs = sumOrNull((p) => p.pgCpuMs);
  const statusCodes: Record<string, number> = {};
  for (const s of segments)
    for (const [k, v] of Object.entries(s.statusCodes)) statusCodes[k] = (statusCodes[k] ?? 0) + v;
  const rss = segments.map((s) => s.proc.serverRssPeakMB).filter((x): x is number => x != null);
  const cpuPct = (ms: number | null) => (ms != null && seconds ? r1(ms / seconds / 10) : null);
  const perReq = (ms: number | null) => (ms != null && completed ? r2(ms / completed) : null);
  return {
    reqPerSec: seconds ? r1(completed / seconds) : 0,
    requestsTotal: completed,
    durationS: r2(seconds),
    latencyMs: {
      mean: lat.length ? r2(lat.reduce((a, b) => a + b, 0) / lat.length) : 0,
      p50: r1(pct(lat, 0.5)),
      p97_5: r1(pct(lat, 0.975)),
      p99: r1(pct(lat, 0.99)),
      max: r1(lat.at(-1) ?? 0),
    },
    errors: sum((s) => s.errors),
    timeouts: sum((s) => s.timeouts),
    non2xx: sum((s) => s.non2xx),
    gqlErrorResponses: sum((s) => s.mismatches),
    statusCodes,
    proc: {
      serverCpuMs,
      serverCpuPct: cpuPct(serverCpuMs),
      serverRssPeakMB: rss.length ? Math.max(...rss) : null,
      pgCpuMs,
      pgCpuPct: cpuPct(pgCpuMs),
      clientCpuPct: r1(sum((s) => s.proc.clientCpuPct * s.measuredS) / Math.max(seconds, 0.001)),
    },
    serverCpuMsPerReq: perReq(serverCpuMs),
    pgCpuMsPerReq: perReq(pgCpuMs),
    segments: segments.map((s) => ({
      round: s.round,
      measuredS: s.measuredS,
      completed: s.completed,
      reqPerSec: s.measuredS ? r1(s.completed / s.measuredS) : 0,
      drainMs: s.drainMs,
    })),
  };
}
