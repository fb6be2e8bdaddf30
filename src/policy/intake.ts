/**
 * Who may register a unit's other name (单位别称) and keep import profiles (导入方案): the oversight
 * agencies that publish ledgers, each its own profiles. Aliases are shared reference data (every
 * agency's next import matches by them), so every publishing agency may add one; the hub operator too.
 */
import type { Viewer } from '../auth/viewer.js';
import { Role } from '../shared/enums.js';
import { UserInputProblem } from '../shared/user-error.js';
import { actsForAgency, sourceOfRole } from './publishing.js';

export const canRegisterAlias = (v: Viewer): boolean =>
  (actsForAgency(v) && sourceOfRole(v.role) !== null) || (v.role === Role.HUB_ADMIN && v.orgId !== null);

export function assertCanRegisterAlias(v: Viewer): { orgId: number; user: string } {
  if (!canRegisterAlias(v))
    throw new UserInputProblem(
      'FORBIDDEN',
      'Only an oversight agency or the hub operator registers aliases.',
    );
  return { orgId: v.orgId!, user: v.userId ?? 'unknown' };
}
