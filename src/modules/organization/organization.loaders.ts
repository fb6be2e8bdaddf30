import type { Knex } from 'knex';
import { byId } from '../../shared/dataloader.js';
import { organizationsByIds, type OrganizationRow } from './organization.repo.js';

export const organizationLoaders = (knex: Knex) => ({
  organization: byId<OrganizationRow>((ids) => organizationsByIds(knex, ids)),
});
