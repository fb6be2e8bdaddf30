/**
 * Per-request DataLoaders, composed from the modules' own (`<m>.loaders.ts`): every relation a list
 * resolves goes through one of these, so a page of 100 findings with unit, project and review costs
 * one query per relation, not one per row. Built per request; never shared between requests.
 */
import type { Knex } from 'knex';
import type { Viewer } from './auth/viewer.js';
import { organizationLoaders } from './modules/organization/organization.loaders.js';
import { projectLoaders } from './modules/project/project.loaders.js';
import { reviewLoaders } from './modules/review/review.loaders.js';
import { findingLoaders } from './modules/finding/finding.loaders.js';
import { publishingLoaders } from './modules/publishing/publishing.loaders.js';
import { sharingLoaders } from './modules/sharing/index.js';
import { rectificationLoaders } from './modules/rectification/index.js';
import { recognitionLoaders } from './modules/recognition/index.js';

export function createLoaders(knex: Knex, _viewer: Viewer) {
  return {
    ...organizationLoaders(knex),
    ...projectLoaders(knex),
    ...reviewLoaders(knex),
    ...findingLoaders(knex),
    ...publishingLoaders(knex),
    ...sharingLoaders(knex),
    ...rectificationLoaders(knex),
    ...recognitionLoaders(knex),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
