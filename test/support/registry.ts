/**
 * The operations the tests send as a partner would, and a trusted-documents registry of them
 * (src/http/trusted-documents.ts) for hubs started with HUB_TRUSTED_DOCUMENTS=require:
 *   - the codegen-typed operations of test/operations/*.graphql, as codegen's persisted-documents
 *     manifest (test/__generated__/persisted-documents.json);
 *   - the README's example client operations (each ```graphql block after an `<!-- example … -->`
 *     marker), one .graphql file each.
 * The dashboard's operations need no entry here: the hub registers them itself (src/web/dashboard.ts).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Role } from '../../src/shared/enums.js';
import { SHARED_REGISTRY } from '../../src/http/trusted-documents.js';

const root = path.resolve(import.meta.dirname, '../..');
export const TEST_OPERATIONS_MANIFEST = path.join(root, 'test/__generated__/persisted-documents.json');

export interface ReadmeExample {
  role: Role;
  variables: Record<string, unknown>;
  query: string;
  name: string;
}

/** The README's example operations, with the role and variables their markers give. */
export function readmeExamples(): ReadmeExample[] {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  return [
    ...readme.matchAll(/<!-- example role=(\w+)(?: variables=(\{.*?\}))? -->\s*```graphql\n([\s\S]*?)```/g),
  ].map((m) => ({
    role: m[1] as Role,
    variables: m[2] ? (JSON.parse(m[2]) as Record<string, unknown>) : {},
    query: m[3]!,
    name: /^\s*(?:query|mutation)\s+(\w+)/.exec(m[3]!)?.[1] ?? m[3]!.trim().split('\n')[1]!.trim(),
  }));
}

/** A registry folder with the tests' operations for everyone (`_shared/`); `remove()` deletes it. */
export function writeTestRegistry(): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'hub-registry-'));
  const shared = path.join(dir, SHARED_REGISTRY);
  mkdirSync(shared);
  copyFileSync(TEST_OPERATIONS_MANIFEST, path.join(shared, 'test-operations.json'));
  readmeExamples().forEach((e, i) =>
    writeFileSync(path.join(shared, `readme-example-${i + 1}.graphql`), e.query),
  );
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
