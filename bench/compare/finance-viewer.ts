import type { Knex } from 'knex';
import { Role } from '../../src/shared/enums.js';
import type { Viewer } from '../../src/auth/viewer.js';

/** The FINANCE viewer of HC-CZJ with its sharing state, as the hub builds it. */
export async function viewerOf(
  knex: Knex,
  load: (k: Knex, org: number) => Promise<Viewer['sharing']>,
): Promise<Viewer> {
  const id = Number((await knex('organization').where({ code: 'HC-CZJ' }).first('id'))!.id);
  return {
    role: Role.FINANCE,
    orgId: id,
    orgCode: 'HC-CZJ',
    userId: 'probe',
    clearance: 'RESTRICTED',
    clearanceRank: 2,
    expiresAt: null,
    sharing: await load(knex, id),
  } as unknown as Viewer;
}
