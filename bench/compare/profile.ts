/**
 * Where a server process spends its CPU: a V8 CPU profile (taken with the inspector while the server is
 * under load) reduced to self time per package and per function. "Package" is the npm package a
 * function's file belongs to, the hub's own folder under src/, node's internals, or V8's pseudo-frames
 * ((garbage collector) = "GC", (program) = native code not attributed to JavaScript), or "native <name>"
 * for a native function without a script (e.g. `writev`, the socket write of a response).
 */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  /** Profiled wall time, ms (less the profiler's own stop call). */
  wallMs: number;
  /** Sampled time not idle, ms (≈ CPU time of the main thread). */
  busyMs: number;
  byPackage: { name: string; ms: number; pct: number }[];
  topFunctions: { fn: string; where: string; package: string; ms: number; pct: number }[];
}

export function packageOf(url: string, fn: string): string {
  if (!url) {
    if (fn === '(garbage collector)') return 'GC';
    if (fn === '(program)') return '(program)';
    if (fn === '(idle)') return '(idle)';
    return `native ${fn || '(anonymous)'}`;
  }
  if (url.startsWith('node:')) return 'node internals';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const src = url.indexOf('/src/');
  if (src >= 0) {
    const parts = url.slice(src + 1).split('/');
    return parts.length > 2 ? parts.slice(0, parts[1] === 'modules' ? 3 : 2).join('/') : parts[0]!;
  }
  const bench = url.indexOf('/bench/');
  if (bench >= 0) return 'bench';
  return url;
}

export function summarizeProfile(p: CpuProfile, top = 25): ProfileSummary {
  // the inspector call that stops the profiler (it serialises the profile) is sampled too: leave it out
  const excluded = new Set<number>();
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const exclude = (id: number) => {
    if (excluded.has(id)) return;
    excluded.add(id);
    byId.get(id)?.children?.forEach(exclude);
  };
  for (const n of p.nodes) if (n.callFrame.url === 'node:inspector') exclude(n.id);
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const byPkg = new Map<string, number>();
  const byFn = new Map<string, { fn: string; where: string; package: string; us: number }>();
  let idle = 0;
  let total = 0;
  for (const n of p.nodes) {
    const us = self.get(n.id) ?? 0;
    if (!us || excluded.has(n.id)) continue;
    total += us;
    const { functionName, url, lineNumber } = n.callFrame;
    const pkg = packageOf(url, functionName);
    if (pkg === '(idle)') {
      idle += us;
      continue;
    }
    byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + us);
    const file = url.replace(/^file:\/\//, '').replace(/^.*\/(node_modules|src|bench)\//, '$1/');
    const where = url ? `${file}:${lineNumber + 1}` : '';
    const key = `${functionName}@${where}`;
    const f = byFn.get(key) ?? { fn: functionName || '(anonymous)', where, package: pkg, us: 0 };
    f.us += us;
    byFn.set(key, f);
  }
  const busy = total - idle;
  const excludedUs = [...excluded].reduce((a, id) => a + (self.get(id) ?? 0), 0);
  const pct = (us: number) => Math.round((us / Math.max(busy, 1)) * 1000) / 10;
  const ms = (us: number) => Math.round(us / 100) / 10;
  return {
    wallMs: ms(p.endTime - p.startTime - excludedUs),
    busyMs: ms(busy),
    byPackage: [...byPkg.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: ms(us), pct: pct(us) })),
    topFunctions: [...byFn.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ fn: f.fn, where: f.where, package: f.package, ms: ms(f.us), pct: pct(f.us) })),
  };
}
