/** Builds the GraphQL schema from every module's resolvers; `npm run schema` prints it to schema/. */
import 'reflect-metadata';
import { buildSchema } from 'type-graphql';
import { createPubSub } from '@graphql-yoga/subscription';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { FindingResolver } from './modules/finding/finding.resolver.js';
import {
  OrganizationFindingsResolver,
  ProjectFindingsResolver,
  ReviewFindingsResolver,
} from './modules/finding/finding.about.js';
import { OrganizationReviewsResolver, ProjectReviewsResolver } from './modules/review/review.about.js';
import { FINDING_IMPLEMENTATIONS } from './modules/finding/finding.types.js';
import { NodeResolver } from './modules/node/node.resolver.js';
import { OrganizationResolver } from './modules/organization/organization.resolver.js';
import { PolicyResolver, ProjectResolver } from './modules/project/project.resolver.js';
import { ReviewResolver } from './modules/review/review.resolver.js';
import {
  AccessRequestResolver,
  SharingEventResolver,
  SharingRuleResolver,
} from './modules/sharing/sharing.resolver.js';
import { AccessLogResolver } from './modules/access-log/access-log.resolver.js';
import {
  FindingHistoryResolver,
  FindingRevisionResolver,
  PublishingResolver,
} from './modules/publishing/publishing.resolver.js';
import { ReviewPublishingResolver } from './modules/review/review-publishing.resolver.js';
import {
  RectificationEventResolver,
  RectificationResolver,
} from './modules/rectification/rectification.resolver.js';
import {
  ConsultationResolver,
  ConsultationStepResolver,
  RecognitionResolver,
  ReviewRecognitionsResolver,
} from './modules/recognition/recognition.resolver.js';
import {
  ChangeEventDuplicatesResolver,
  ImportReportDuplicatesResolver,
  LedgerImportReportDuplicatesResolver,
  DuplicateSuggestionResolver,
  FindingGroupEventResolver,
  FindingGroupMemberResolver,
  FindingGroupResolver,
} from './modules/recognition/finding-group.resolver.js';
import {
  CoverageEntryResolver,
  InspectionPlanResolver,
  PlanWarningResolver,
} from './modules/recognition/inspection-plan.resolver.js';
import { StatisticsResolver } from './modules/statistics/statistics.resolver.js';

import {
  ReviewTargetSetResolver,
  PreAssessmentResolver,
  TargetSetResolver,
} from './modules/performance/targets.resolver.js';
import { MonitoringActionResolver, MonitoringResolver } from './modules/performance/monitoring.resolver.js';
import {
  SelfEvaluationResolver,
  SpotCheckItemResolver,
  SpotCheckResolver,
} from './modules/performance/evaluation.resolver.js';
import {
  BudgetDecisionResolver,
  BudgetProposalResolver,
  UnitAssessmentResolver,
} from './modules/performance/application.resolver.js';
import { IntakeResolver } from './modules/intake/intake.resolver.js';
import { ClueReferralResolver } from './modules/referral/referral.resolver.js';

let built: GraphQLSchema | undefined;

export async function buildHubSchema(): Promise<GraphQLSchema> {
  built ??= await buildSchema({
    resolvers: [
      NodeResolver,
      FindingResolver,
      OrganizationFindingsResolver,
      ProjectFindingsResolver,
      ReviewFindingsResolver,
      OrganizationReviewsResolver,
      ProjectReviewsResolver,
      ReviewResolver,
      OrganizationResolver,
      ProjectResolver,
      PolicyResolver,
      AccessRequestResolver,
      SharingRuleResolver,
      SharingEventResolver,
      AccessLogResolver,
      PublishingResolver,
      FindingHistoryResolver,
      FindingRevisionResolver,
      RectificationResolver,
      ReviewPublishingResolver,
      RectificationEventResolver,
      RecognitionResolver,
      ConsultationResolver,
      ConsultationStepResolver,
      ReviewRecognitionsResolver,
      FindingGroupResolver,
      FindingGroupMemberResolver,
      FindingGroupEventResolver,
      DuplicateSuggestionResolver,
      ChangeEventDuplicatesResolver,
      ImportReportDuplicatesResolver,
      LedgerImportReportDuplicatesResolver,
      InspectionPlanResolver,
      PlanWarningResolver,
      CoverageEntryResolver,
      TargetSetResolver,
      ReviewTargetSetResolver,
      PreAssessmentResolver,
      MonitoringResolver,
      MonitoringActionResolver,
      SelfEvaluationResolver,
      SpotCheckResolver,
      SpotCheckItemResolver,
      BudgetProposalResolver,
      BudgetDecisionResolver,
      UnitAssessmentResolver,
      StatisticsResolver,
      IntakeResolver,
      ClueReferralResolver,
    ],
    orphanedTypes: [...FINDING_IMPLEMENTATIONS],
    validate: false,
    // required by type-graphql; our one subscription brings its own source (modules/publishing/change-bus.ts)
    pubSub: createPubSub(),
  });
  built.getQueryType()!.description =
    'Entry points of the oversight hub (监督信息共享平台): findings, reviews, organisations, projects, any node by id.';
  built.getMutationType()!.description =
    'Changes to the hub. Each takes one `input` and returns a payload with `userErrors` for problems the caller can fix.';
  built.getSubscriptionType()!.description =
    'Live updates over graphql-ws at the same /graphql address; the same permissions as queries apply.';
  return built;
}

export function printHubSchema(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}
