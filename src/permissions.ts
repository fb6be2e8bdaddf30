/**
 * graphql-shield over the schema: every field's rule comes from its module's `*.rules.ts`; anything not
 * listed is denied (fallbackRule: deny), and a test fails when a field has no explicit rule.
 */
import { GraphQLError, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { allow, deny, rule, shield } from 'graphql-shield';
import type { HubContext } from './context.js';
import type { FieldAccess, TypeRules } from './policy/field-rules.js';
import { findingRules } from './modules/finding/finding.rules.js';
import { nodeRules } from './modules/node/node.rules.js';
import { organizationRules } from './modules/organization/organization.rules.js';
import { projectRules } from './modules/project/project.rules.js';
import { reviewRules } from './modules/review/review.rules.js';
import { reviewPublishingRules } from './modules/review/review-publishing.rules.js';
import { sharingRules } from './modules/sharing/index.js';
import { accessLogRules } from './modules/access-log/access-log.rules.js';
import { publishingRules } from './modules/publishing/publishing.rules.js';
import { rectificationRules } from './modules/rectification/index.js';

export const MODULE_RULES: TypeRules[] = [
  nodeRules,
  findingRules,
  reviewRules,
  reviewPublishingRules,
  organizationRules,
  projectRules,
  sharingRules,
  accessLogRules,
  publishingRules,
  rectificationRules,
];

/** All module rules merged: type -> field -> access. Throws if two modules claim one field. */
export function allRules(): TypeRules {
  const out: TypeRules = {};
  for (const m of MODULE_RULES) {
    for (const [type, fields] of Object.entries(m)) {
      out[type] ??= {};
      for (const [f, a] of Object.entries(fields)) {
        if (out[type]![f]) throw new Error(`permission rule for ${type}.${f} declared twice`);
        out[type]![f] = a;
      }
    }
  }
  return out;
}

/**
 * The one FORBIDDEN error every denied field reports. Created once with its stack already
 * materialised: a list with hundreds of denied fields would otherwise build (and source-map) a stack
 * trace per field, which profiling showed to cost more than the rest of the request.
 */
const FORBIDDEN = new GraphQLError('Not authorised to access this field.', {
  extensions: { code: 'FORBIDDEN' },
});
void FORBIDDEN.stack;
export const forbiddenError = () => FORBIDDEN;

/** Types whose sensitive reads go to the access log (查询留痕), by record kind. */
export const LOGGED_TYPES: Record<string, 'Finding' | 'Review'> = {
  PerformanceFinding: 'Finding',
  AuditFinding: 'Finding',
  ReformFinding: 'Finding',
  DisciplineFinding: 'Finding',
  Review: 'Review',
};

type Logged = { dbId: number; agencyId: number; sensitivity: string };

export function applyPermissions(schema: GraphQLSchema): GraphQLSchema {
  // One shield rule per access level (and per logged record kind); levels that always pass and are not
  // logged use shield's built-in allow, which costs nothing per field.
  const compiled = new Map<string, unknown>();
  const toShield = (a: FieldAccess, logAs: 'Finding' | 'Review' | undefined) => {
    const k = `${a.name}:${logAs ?? ''}`;
    let r = compiled.get(k);
    if (!r) {
      if (!logAs) {
        r =
          a.name === 'visible' || a.name === 'open'
            ? allow
            : rule(`access:${a.name}`, { cache: 'no_cache' })(
                (parent: unknown, _args: unknown, ctx: HubContext) => a.check(ctx.viewer, parent),
              );
      } else {
        r = rule(`access:${a.name}:${logAs}`, { cache: 'no_cache' })(
          (parent: unknown, _args: unknown, ctx: HubContext, info: GraphQLResolveInfo) => {
            const ok = a.check(ctx.viewer, parent);
            if (ok) ctx.accessLog.note(logAs, parent as Logged, info.fieldName);
            return ok;
          },
        );
      }
      compiled.set(k, r);
    }
    return r;
  };
  const tree: Record<string, Record<string, unknown>> = {};
  for (const [type, fields] of Object.entries(allRules())) {
    tree[type] = { '*': deny };
    for (const [f, a] of Object.entries(fields)) tree[type]![f] = toShield(a, LOGGED_TYPES[type]);
  }
  const permissions = shield(tree as never, {
    fallbackRule: deny,
    fallbackError: forbiddenError,
    allowExternalErrors: true,
    debug: false,
  });
  return applyMiddleware(schema, permissions);
}
