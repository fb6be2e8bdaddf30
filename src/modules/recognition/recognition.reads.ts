/** Reads of decisions and consultations under the viewer's permissions, for the resolver and node(id). */
import type { HubContext } from '../../context.js';
import {
  canSeeConsultation,
  canSeeGroupMember,
  canSeePlan,
  canSeeRecognition,
} from '../../policy/recognition.js';
import type { PlanRow } from './inspection-plan.repo.js';
import type { GroupRow, MemberRow } from './finding-group.repo.js';
import type { ConsultationRow, RecognitionRow } from './recognition.repo.js';

/** The decision, or null where it does not exist or the viewer may not see it. */
export async function loadVisibleRecognition(ctx: HubContext, id: number): Promise<RecognitionRow | null> {
  const r = await ctx.loaders.recognition.load(id);
  return r && canSeeRecognition(ctx.viewer, r) ? r : null;
}

/** The consultation, or null where it does not exist or the viewer may not see it. */
export async function loadVisibleConsultation(ctx: HubContext, id: number): Promise<ConsultationRow | null> {
  const c = await ctx.loaders.consultation.load(id);
  return c && canSeeConsultation(ctx.viewer, c) ? c : null;
}

/** The group's members the viewer sees as members, primary first. */
export async function visibleMembers(ctx: HubContext, groupId: number): Promise<MemberRow[]> {
  const ms = await ctx.loaders.findingGroupMembers.load(groupId);
  const fs = await ctx.loaders.finding.loadMany(ms.map((m) => m.findingId));
  return ms.filter((_, i) => {
    const f = fs[i];
    return f && !(f instanceof Error) && canSeeGroupMember(ctx.viewer, f);
  });
}

/** The group, or null where it does not exist or the viewer sees fewer than two of its findings. */
export async function loadVisibleGroup(ctx: HubContext, id: number): Promise<GroupRow | null> {
  const g = await ctx.loaders.findingGroup.load(id);
  return g && !g.dissolvedAt && (await visibleMembers(ctx, id)).length >= 2 ? g : null;
}

/** The plan entry, or null where it does not exist or the viewer may not see it. */
export async function loadVisiblePlan(ctx: HubContext, id: number): Promise<PlanRow | null> {
  const p = await ctx.loaders.inspectionPlan.load(id);
  return p && canSeePlan(ctx.viewer, p) ? p : null;
}
