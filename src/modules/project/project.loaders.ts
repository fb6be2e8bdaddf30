import type { Knex } from 'knex';
import { byId } from '../../shared/dataloader.js';
import { policiesByIds, projectsByIds, type PolicyRow, type ProjectRow } from './project.repo.js';

export const projectLoaders = (knex: Knex) => ({
  project: byId<ProjectRow>((ids) => projectsByIds(knex, ids)),
  policy: byId<PolicyRow>((ids) => policiesByIds(knex, ids)),
});
