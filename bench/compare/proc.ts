/**
 * CPU and memory of the measured server process and of the PostgreSQL backends serving the benchmark
 * database, read from /proc (Linux) while a load run lasts. Backends are found by their process title
 * ("postgres: <user> <database> …"); PostgreSQL's background processes (WAL writer, autovacuum, …) are
 * not counted. On a system without /proc every figure is null.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const HAVE_PROC = existsSync('/proc/self/stat');
const TICK_HZ = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();
const PAGE = (() => {
  try {
    return Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }).trim()) || 4096;
  } catch {
    return 4096;
  }
})();

/** utime + stime of a process in ms, and its resident set in bytes; null once it is gone. */
function readProc(pid: number): { cpuMs: number; rss: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields after the command: state(3) … utime(14) stime(15) … rss(24); index = field - 3
    const ticks = Number(f[11]) + Number(f[12]);
    return { cpuMs: (ticks * 1000) / TICK_HZ, rss: Number(f[21]) * PAGE };
  } catch {
    return null;
  }
}

function backendsOf(database: string): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8');
      // "postgres: [<cluster>: ]<user> <database> <host>(<port>) <state>"
      const m = /^postgres: (?:\S+: )?\S+ (\S+) /.exec(cmd);
      if (m?.[1] === database) out.push(Number(d));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** CPU time (user + system) of a process so far, ms (null without /proc or once it is gone). */
export function cpuMs(pid: number): number | null {
  return HAVE_PROC ? (readProc(pid)?.cpuMs ?? null) : null;
}

/** Resident set size of a process now, MB (null without /proc). */
export function rssMB(pid: number): number | null {
  const p = HAVE_PROC ? readProc(pid) : null;
  return p ? Math.round((p.rss / 2 ** 20) * 10) / 10 : null;
}

export interface ProcStats {
  /** CPU time of the server process during the measured seconds, ms. */
  serverCpuMs: number | null;
  /** Of one core: 100 = one core busy all the time. */
  serverCpuPct: number | null;
  /** Highest resident set size of the server process seen during warm-up and measurement, MB. */
  serverRssPeakMB: number | null;
  /** CPU time of the benchmark database's backends during the measured seconds, ms. */
  pgCpuMs: number | null;
  pgCpuPct: number | null;
  /** CPU of the load generator (this process, autocannon's worker included), % of one core. */
  clientCpuPct: number;
}

/** Samples every 250 ms from start() until stop(); `mark()` starts the measured window (after warm-up). */
export class ProcSampler {
  private timer: NodeJS.Timeout | null = null;
  private rssPeak = 0;
  private ticks = 0;
  private backends = new Map<number, { first: number; last: number }>();
  private serverFirst = 0;
  private serverLast = 0;
  private markedAt = 0;
  private client0 = process.cpuUsage();

  constructor(
    private readonly pid: number,
    private readonly database: string,
  ) {}

  private sample(discover: boolean) {
    const s = readProc(this.pid);
    if (s) {
      this.serverLast = s.cpuMs;
      this.rssPeak = Math.max(this.rssPeak, s.rss);
    }
    const pids = discover ? backendsOf(this.database) : [...this.backends.keys()];
    for (const pid of pids) {
      const p = readProc(pid);
      if (!p) continue;
      const b = this.backends.get(pid);
      // a backend first seen after the window started began during it: all its CPU counts
      if (b) b.last = p.cpuMs;
      else this.backends.set(pid, { first: this.markedAt ? 0 : p.cpuMs, last: p.cpuMs });
    }
  }

  start(): void {
    if (!HAVE_PROC) return;
    this.sample(true);
    this.timer = setInterval(() => this.sample(++this.ticks % 4 === 0), 250);
  }

  /** The measured window begins now. */
  mark(): void {
    if (!HAVE_PROC) return;
    this.sample(true);
    this.serverFirst = this.serverLast;
    for (const b of this.backends.values()) b.first = b.last;
    this.markedAt = performance.now();
    this.client0 = process.cpuUsage();
  }

  stop(): ProcStats {
    const c = process.cpuUsage(this.client0);
    const wallMs = this.markedAt ? performance.now() - this.markedAt : 0;
    const clientCpuPct = wallMs ? Math.round(((c.user + c.system) / 1000 / wallMs) * 1000) / 10 : 0;
    if (this.timer) clearInterval(this.timer);
    if (!HAVE_PROC || !wallMs) {
      return {
        serverCpuMs: null,
        serverCpuPct: null,
        serverRssPeakMB: null,
        pgCpuMs: null,
        pgCpuPct: null,
        clientCpuPct,
      };
    }
    this.sample(true);
    const serverCpuMs = this.serverLast - this.serverFirst;
    const pgCpuMs = [...this.backends.values()].reduce((a, b) => a + (b.last - b.first), 0);
    const pct = (ms: number) => Math.round((ms / wallMs) * 1000) / 10;
    return {
      serverCpuMs: Math.round(serverCpuMs),
      serverCpuPct: pct(serverCpuMs),
      serverRssPeakMB: Math.round((this.rssPeak / 2 ** 20) * 10) / 10,
      pgCpuMs: Math.round(pgCpuMs),
      pgCpuPct: pct(pgCpuMs),
      clientCpuPct,
    };
  }
}
