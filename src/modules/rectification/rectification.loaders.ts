import DataLoader from 'dataloader';
import type { Knex } from 'knex';
import { byId } from '../../shared/dataloader.js';
import {
  findingIdsByTaskIds,
  rectificationsByIds,
  supervisorIdsByTaskIds,
  type RectRow,
} from './rectification.repo.js';
import {
  approvalsByKeys,
  reportStatsByTaskIds,
  timelinesByTaskIds,
  type ReportStats,
} from './rectification-events.repo.js';

/** Per-request loaders of tasks and their relations. */
export const rectificationLoaders = (knex: Knex) => ({
  /** Unscoped: callers check canSeeTask (loadVisibleTask). */
  rectification: byId<RectRow>((ids) => rectificationsByIds(knex, ids)),
  rectSupervisors: new DataLoader<number, number[]>((ids) => supervisorIdsByTaskIds(knex, ids)),
  rectFindings: new DataLoader<number, number[]>((ids) => findingIdsByTaskIds(knex, ids)),
  /** Agencies that approved a submission, keyed "taskId:submissionNo". */
  rectApprovals: new DataLoader<string, number[]>((keys) => approvalsByKeys(knex, keys)),
  /** Money rectified (sum of reports, exact, in total and by kind) and the latest reported percent. */
  rectStats: new DataLoader<number, ReportStats>((ids) => reportStatsByTaskIds(knex, ids)),
  rectEvents: new DataLoader<number, Record<string, unknown>[]>((ids) => timelinesByTaskIds(knex, ids)),
});
