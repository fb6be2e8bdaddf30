/**
 * A viewer's class: every input of the permission policy that decides what a viewer may see and read —
 * role, organisation, clearance, the sharing rules and the organisation's approved, unexpired access
 * requests (src/policy/sharing.ts). Two viewers of one class get the same answer from every policy
 * predicate and SQL twin, so an answer computed over the policy (the statistics) may be reused within a
 * class and never across classes. The token's user is not an input of the policy and not in the class.
 *
 * A class holds until its earliest grant expires (`validUntil`): grantSql and grantCovers drop an expired
 * grant by the clock, which changes what the viewer sees without any write.
 */
import type { Viewer } from '../auth/viewer.js';
import type { SharingLevel } from '../shared/enums.js';

export interface ViewerClass {
  key: string;
  /** ms since the epoch; Infinity without grants */
  validUntil: number;
}

// the rules are one map per sharing-cache generation, shared by every viewer: printed once each
const rulesKeys = new WeakMap<ReadonlyMap<string, SharingLevel>, string>();

function rulesKey(rules: ReadonlyMap<string, SharingLevel>): string {
  let k = rulesKeys.get(rules);
  if (k === undefined) {
    k = JSON.stringify([...rules].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    rulesKeys.set(rules, k);
  }
  return k;
}

export function viewerClass(v: Viewer, now = Date.now()): ViewerClass {
  let validUntil = Infinity;
  const grants = v.sharing.grants
    .filter((g) => g.expiresAt.getTime() > now)
    .map((g) => {
      validUntil = Math.min(validUntil, g.expiresAt.getTime());
      return [g.id, g.ownerId, g.scope, g.category, [...g.findingIds].sort((a, b) => a - b)];
    })
    .sort((a, b) => (a[0] as number) - (b[0] as number));
  const key = JSON.stringify([
    v.role,
    v.orgId,
    v.clearance,
    v.clearanceRank,
    rulesKey(v.sharing.rules),
    grants,
  ]);
  return { key, validUntil };
}
