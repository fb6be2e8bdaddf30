/**
 * Reads of tasks under the viewer's permissions, for the resolver, the HTTP routes, the ledger and
 * node(id): the policy's view of a task from the request's loaders, the task if the viewer may see it,
 * the API filter in database ids, and the live feed of changed tasks.
 */
import type { HubContext } from '../../context.js';
import { abortable } from '../../shared/abortable.js';
import { dbIds } from '../../shared/ids.js';
import { canSeeTask, type TaskView } from '../../policy/rectification.js';
import { loadSharingState } from '../../policy/sharing.js';
import { rectificationBus } from './rectification.bus.js';
import { RectificationState } from './rectification.entity.js';
import type { RectRow, TaskFilter } from './rectification.repo.js';
import type { RectificationFilter } from './rectification.types.js';

/** The policy's view of a row, from the request's loaders. */
export async function viewOf(ctx: HubContext, r: RectRow): Promise<TaskView> {
  const [supervisorIds, approvedBy] = await Promise.all([
    ctx.loaders.rectSupervisors.load(r.dbId),
    r.state === RectificationState.SUBMITTED
      ? ctx.loaders.rectApprovals.load(`${r.dbId}:${r.submissionNo}`)
      : Promise.resolve([]),
  ]);
  return { unitId: r.unitId, leadId: r.leadId, state: r.state, supervisorIds, approvedBy };
}

/** The task, or null where it does not exist or the viewer may not see it. */
export async function loadVisibleTask(ctx: HubContext, id: number): Promise<RectRow | null> {
  const r = await ctx.loaders.rectification.load(id);
  return r && canSeeTask(ctx.viewer, await viewOf(ctx, r)) ? r : null;
}

/** The API's filter with database ids; a malformed unit id is BAD_USER_INPUT. */
export function toTaskFilter(f: RectificationFilter | null | undefined): TaskFilter {
  return {
    states: f?.states,
    unitIds: dbIds(f?.units, 'Organization', 'units'),
    overdue: f?.overdue,
    overdueMoreThanDays: f?.overdueMoreThanDays,
  };
}

/** Per subscriber: reload each changed task under the subscriber's permissions; return() stops at once. */
export function liveTasks(ctx: HubContext): AsyncIterableIterator<RectRow> {
  return abortable(async function* (signal) {
    for await (const msg of rectificationBus.bus.listen(signal)) {
      ctx.viewer.sharing = await loadSharingState(ctx.knex, ctx.viewer.orgId);
      // a subscription lives long: forget what earlier events loaded
      for (const l of [
        ctx.loaders.rectification,
        ctx.loaders.rectSupervisors,
        ctx.loaders.rectApprovals,
        ctx.loaders.rectStats,
        ctx.loaders.rectEvents,
        ctx.loaders.rectFindings,
        ctx.loaders.finding,
      ]) {
        (l as { clearAll(): unknown }).clearAll();
      }
      for (const id of msg.ids) {
        const r = await loadVisibleTask(ctx, id);
        if (r) yield r;
      }
    }
  });
}
