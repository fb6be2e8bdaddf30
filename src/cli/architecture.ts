/**
 * `npm run architecture` — the import rules of src/, checked over the import graph (part of
 * `npm run check`; exit 1 on a violation):
 *
 * 1. no import cycles between files (type-only imports excepted: they vanish at run time) nor
 *    between modules (src/modules/<m>, type-only imports included: a module pair that needs each
 *    other's types is one concern in two folders);
 * 2. no file imports another module's resolver (only src/schema.ts assembles them);
 * 3. SQL (knex builders, raw SQL) only in repositories (`*.repo.ts`), the database layer (src/db/),
 *    the demo-data generator (src/seed/), the policy's SQL twins (src/policy/) and the keyset-paging builder
 *    that repositories call (src/shared/paging.ts);
 * 4. src/policy/ imports no module; src/shared/ imports neither modules nor policy;
 * 5. a module is entered through its index.ts when it has one (src/schema.ts and src/permissions.ts,
 *    which assemble the resolvers and rules, excepted: resolvers need reflect-metadata first).
 *
 * `--report` prints the largest files and the counts as well.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');
const src = path.join(root, 'src');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
}

interface Edge {
  to: string;
  typeOnly: boolean;
}

const rel = (f: string) => path.relative(root, f);
const moduleOf = (f: string) => /^src\/modules\/([^/]+)\//.exec(rel(f))?.[1] ?? null;

/** Relative imports of a file, resolved to files; `import type` and `export type` are type-only. */
function importsOf(file: string, text: string): Edge[] {
  const out: Edge[] = [];
  const re = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm;
  for (const m of text.matchAll(re)) {
    const target = path.resolve(path.dirname(file), m[3]!.replace(/\.js$/, '.ts'));
    // `import { type A, type B }` is type-only too
    const names = /\{([^}]*)\}/.exec(m[0])?.[1];
    const allTypes =
      !!names &&
      names
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .every((s) => s.startsWith('type '));
    out.push({ to: target, typeOnly: !!m[2] || allTypes });
  }
  return out;
}

/** Knex builders on a table, raw SQL, or SQL keywords in a template literal. */
const SQL_PATTERNS: RegExp[] = [
  /\b(?:knex|trx|k|db|tx)\s*\(\s*['"`]/,
  /\.(?:raw|whereRaw|orWhereRaw|joinRaw|orderByRaw|selectRaw|havingRaw|groupByRaw)\s*\(/,
  /`\s*(?:select\s[\s\S]{0,300}?\sfrom\s|insert\s+into\s|update\s+\w+\s+set\s|delete\s+from\s)/i,
];
const SQL_ALLOWED = (r: string) =>
  r.endsWith('.repo.ts') ||
  r.startsWith('src/db/') ||
  r.startsWith('src/policy/') ||
  r.startsWith('src/seed/') ||
  r === 'src/shared/paging.ts' ||
  r === 'src/cli/architecture.ts';

export interface ArchitectureReport {
  files: number;
  fileCycles: string[][];
  moduleCycles: string[][];
  resolverImports: string[];
  sqlOutsideRepositories: string[];
  layerViolations: string[];
  largest: { file: string; lines: number }[];
}

/** Strongly connected components with more than one node (Tarjan). */
function cycles(nodes: string[], next: (n: string) => string[]): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of next(v)) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1) out.push(comp.sort());
    }
  };
  for (const n of nodes) if (!idx.has(n)) visit(n);
  return out;
}

export function analyse(): ArchitectureReport {
  const files = walk(src);
  const text = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));
  const edges = new Map(files.map((f) => [f, importsOf(f, text.get(f)!)]));

  const fileCycles = cycles(files, (f) =>
    edges
      .get(f)!
      .filter((e) => !e.typeOnly && text.has(e.to))
      .map((e) => e.to),
  ).map((c) => c.map(rel));

  const modules = [...new Set(files.map(moduleOf).filter((m): m is string => !!m))];
  const moduleEdges = new Map(modules.map((m) => [m, new Set<string>()]));
  for (const f of files) {
    const from = moduleOf(f);
    if (!from) continue;
    for (const e of edges.get(f)!) {
      const to = moduleOf(e.to);
      if (to && to !== from) moduleEdges.get(from)!.add(to);
    }
  }
  const moduleCycles = cycles(modules, (m) => [...moduleEdges.get(m)!]);

  const resolverImports: string[] = [];
  const layerViolations: string[] = [];
  const hasIndex = new Set(modules.filter((m) => text.has(path.join(src, 'modules', m, 'index.ts'))));
  for (const f of files) {
    const r = rel(f);
    for (const e of edges.get(f)!) {
      const to = rel(e.to);
      const tm = moduleOf(e.to);
      if (to.endsWith('.resolver.ts') && tm !== moduleOf(f) && r !== 'src/schema.ts')
        resolverImports.push(`${r} → ${to}`);
      if (r.startsWith('src/policy/') && to.startsWith('src/modules/')) layerViolations.push(`${r} → ${to}`);
      if (r.startsWith('src/shared/') && (to.startsWith('src/modules/') || to.startsWith('src/policy/')))
        layerViolations.push(`${r} → ${to}`);
      // schema.ts and permissions.ts assemble every module's resolvers and rules
      const assembler = r === 'src/schema.ts' || r === 'src/permissions.ts';
      if (tm && tm !== moduleOf(f) && hasIndex.has(tm) && !to.endsWith('/index.ts') && !assembler)
        layerViolations.push(`${r} → ${to} (enter ${tm} through its index.ts)`);
    }
  }

  const sqlOutsideRepositories = files
    .filter((f) => !SQL_ALLOWED(rel(f)))
    .filter((f) => {
      const code = text.get(f)!.replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
      return SQL_PATTERNS.some((p) => p.test(code));
    })
    .map(rel);

  const largest = files
    .map((f) => ({ file: rel(f), lines: text.get(f)!.split('\n').length }))
    .sort((a, b) => b.lines - a.lines)
    .slice(0, 8);
  return {
    files: files.length,
    fileCycles,
    moduleCycles,
    resolverImports,
    sqlOutsideRepositories,
    layerViolations,
    largest,
  };
}

function main() {
  const r = analyse();
  const problems: [string, string[]][] = [
    ['import cycles between files', r.fileCycles.map((c) => c.join(' ⇄ '))],
    ['import cycles between modules', r.moduleCycles.map((c) => c.join(' ⇄ '))],
    ["imports of another module's resolver", r.resolverImports],
    ['files with SQL outside repositories', r.sqlOutsideRepositories],
    ['layer violations', r.layerViolations],
  ];
  if (process.argv.includes('--report')) {
    console.log(`${r.files} files; largest:`);
    for (const l of r.largest) console.log(`  ${String(l.lines).padStart(5)}  ${l.file}`);
    for (const [name, list] of problems) console.log(`${name}: ${list.length}`);
  }
  let bad = 0;
  for (const [name, list] of problems) {
    if (!list.length) continue;
    bad += list.length;
    console.error(`${name} (${list.length}):`);
    for (const l of list) console.error(`  ${l}`);
  }
  if (bad) process.exit(1);
  console.log(`architecture: ${r.files} files, import rules hold`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) main();
