import DataLoader from 'dataloader';
import type { Knex } from 'knex';
import { byId } from '../../shared/dataloader.js';
import {
  consultationsByIds,
  consultationsByRecognitionIds,
  currentByTargetKeys,
  historiesByKeys,
  recognitionsByIds,
  successorsByIds,
  type ConsultationRow,
  type RecognitionRow,
} from './recognition.repo.js';
import {
  eventsByGroupIds,
  groupsByIds,
  membersByGroupIds,
  type GroupEventRow,
  type GroupRow,
  type MemberRow,
} from './finding-group.repo.js';
import { participantsByLeadIds, plansByIds, type PlanRow } from './inspection-plan.repo.js';

/** Per-request loaders of recognition decisions, consultations and same-problem groups; unscoped: callers check the policy. */
export const recognitionLoaders = (knex: Knex) => ({
  recognition: byId<RecognitionRow>((ids) => recognitionsByIds(knex, ids)),
  /** Every decision of an (agency, target) pair, key "agencyId|targetKey", oldest first. */
  recognitionHistory: new DataLoader<string, RecognitionRow[]>((keys) => historiesByKeys(knex, keys)),
  recognitionSuccessor: new DataLoader<number, RecognitionRow | null>((ids) => successorsByIds(knex, ids)),
  /** Decisions in force on a target key ('R:<id>' / 'F:<id>'). */
  recognitionsOfTarget: new DataLoader<string, RecognitionRow[]>((keys) => currentByTargetKeys(knex, keys)),
  consultation: byId<ConsultationRow>((ids) => consultationsByIds(knex, ids)),
  consultationsOfRecognition: new DataLoader<number, ConsultationRow[]>((ids) =>
    consultationsByRecognitionIds(knex, ids),
  ),
  findingGroup: byId<GroupRow>((ids) => groupsByIds(knex, ids)),
  findingGroupMembers: new DataLoader<number, MemberRow[]>((ids) => membersByGroupIds(knex, ids)),
  findingGroupEvents: new DataLoader<number, GroupEventRow[]>((ids) => eventsByGroupIds(knex, ids)),
  inspectionPlan: byId<PlanRow>((ids) => plansByIds(knex, ids)),
  /** Participants of the joint inspection a plan leads, by the lead's id. */
  planParticipants: new DataLoader<number, PlanRow[]>((ids) => participantsByLeadIds(knex, ids)),
});
