/**
 * Field permissions. Every field's access level comes from its module's `*.rules.ts`; this file turns
 * them into a graphql-shield rule tree (`ruleTree()`: shield's `rule`, `allow` and `deny`, deny by
 * default for any type or field without a rule) and applies that tree to the schema
 * (`applyPermissions`).
 *
 * The tree is applied by `applyRuleTree` below rather than by graphql-middleware: shield's own
 * middleware awaits every rule, which turns each field of each row into a promise (profiled: the
 * async wrappers, the garbage they leave and graphql-js's promise bookkeeping cost more than the rest
 * of a 100-row page). The access levels are synchronous (a row's content flag is computed with the
 * row in SQL, or decided once by the policy in TypeScript), so here a field guarded by one of them is
 * checked synchronously; `allow` leaves the field's resolver untouched; `deny` and any field without a
 * rule fail with FORBIDDEN; and any other shield rule (logic rules, asynchronous rules) still runs
 * through graphql-shield's own `resolve`. A test fails when a field has no explicit rule.
 */
import {
  GraphQLError,
  defaultFieldResolver,
  isIntrospectionType,
  isObjectType,
  type GraphQLFieldConfig,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  getLocation,
  responsePathAsArray,
  type FieldNode,
  type SourceLocation,
} from 'graphql';
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { allow, deny, rule, type and, type IRule } from 'graphql-shield';

/** A rule of the tree: one of shield's rules, or its allow / deny. */
export type ShieldRule = Parameters<typeof and>[number] | typeof allow | typeof deny;
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
import { recognitionRules } from './modules/recognition/index.js';
import { performanceRules } from './modules/performance/index.js';
import { statisticsRules } from './modules/statistics/statistics.rules.js';
import { intakeRules } from './modules/intake/index.js';
import { referralRules } from './modules/referral/index.js';

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
  recognitionRules,
  performanceRules,
  statisticsRules,
  intakeRules,
  referralRules,
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

const locationsOf = new WeakMap<FieldNode, SourceLocation>();

/**
 * FORBIDDEN at one field, already located (path and locations), so graphql-js reports it as it is
 * instead of wrapping it in a new GraphQLError. Built without the Error constructor: capturing a
 * stack per refused field (and, under source maps, formatting it) was measured at 16–25 µs each,
 * more than the rest of a page whose rows are mostly refused. Same JSON as any GraphQLError; the
 * shared FORBIDDEN is its originalError and lends it its stack.
 */
export function forbiddenAt(info: GraphQLResolveInfo): GraphQLError {
  const locations: SourceLocation[] = [];
  for (const n of info.fieldNodes) {
    let l = locationsOf.get(n);
    if (!l && n.loc) locationsOf.set(n, (l = getLocation(n.loc.source, n.loc.start)));
    if (l) locations.push(l);
  }
  const e = Object.create(GraphQLError.prototype) as GraphQLError;
  Object.defineProperties(e, {
    message: { value: FORBIDDEN.message, writable: true, enumerable: true },
    name: { value: 'GraphQLError' },
    path: { value: responsePathAsArray(info.path), enumerable: true },
    locations: { value: locations.length ? locations : undefined, enumerable: true },
    extensions: { value: FORBIDDEN.extensions, enumerable: true },
    nodes: { value: info.fieldNodes },
    source: { value: info.fieldNodes[0]?.loc?.source },
    positions: { value: info.fieldNodes.flatMap((n) => (n.loc ? [n.loc.start] : [])) },
    originalError: { value: FORBIDDEN },
    stack: { value: FORBIDDEN.stack, writable: true, configurable: true },
  });
  return e;
}

/** Types whose sensitive reads go to the access log (查询留痕), by record kind. */
export const LOGGED_TYPES: Record<string, 'Finding' | 'Review'> = {
  PerformanceFinding: 'Finding',
  AuditFinding: 'Finding',
  ReformFinding: 'Finding',
  DisciplineFinding: 'Finding',
  Review: 'Review',
};

type Logged = { dbId: number; agencyId: number; sensitivity: string };

/** Shield rule -> the synchronous access level it was made from (and the record kind it logs). */
const SYNC_RULES = new WeakMap<object, { access: FieldAccess; logAs: 'Finding' | 'Review' | undefined }>();

/** The whole schema's rules as a graphql-shield rule tree: type -> field -> rule, '*' = deny. */
export function ruleTree(): Record<string, Record<string, ShieldRule>> {
  // one shield rule per access level (and per logged record kind); levels that always pass and are
  // not logged are shield's built-in allow
  const compiled = new Map<string, ShieldRule>();
  const toShield = (a: FieldAccess, logAs: 'Finding' | 'Review' | undefined): ShieldRule => {
    const k = `${a.name}:${logAs ?? ''}`;
    let r = compiled.get(k);
    if (!r) {
      if (!logAs && (a.name === 'visible' || a.name === 'open')) r = allow;
      else {
        const made = rule(logAs ? `access:${a.name}:${logAs}` : `access:${a.name}`, { cache: 'no_cache' })((
          parent: unknown,
          _args: unknown,
          ctx: HubContext,
          info: GraphQLResolveInfo,
        ) => {
          const ok = a.check(ctx.viewer, parent);
          if (ok && logAs) ctx.accessLog.note(logAs, parent as Logged, info.fieldName);
          return ok;
        });
        SYNC_RULES.set(made, { access: a, logAs });
        r = made;
      }
      compiled.set(k, r);
    }
    return r;
  };
  const tree: Record<string, Record<string, ShieldRule>> = {};
  for (const [type, fields] of Object.entries(allRules())) {
    tree[type] = { '*': deny };
    for (const [f, a] of Object.entries(fields)) tree[type]![f] = toShield(a, LOGGED_TYPES[type]);
  }
  return tree;
}

type Resolver = GraphQLFieldResolver<unknown, HubContext>;

/** Options shield's rules expect when resolved outside its middleware. */
const SHIELD_OPTIONS = {
  debug: false,
  allowExternalErrors: true,
  fallbackRule: deny,
  fallbackError: forbiddenError,
  hashFunction: () => '',
  disableFragmentsAndPostExecRules: true,
};

/** Wraps one resolver in its rule; returns the resolver itself for `allow`. */
function guard(resolve: Resolver, r: ShieldRule | undefined): Resolver {
  if (r === allow) return resolve;
  if (!r || r === deny) {
    return (_p, _a, _c, info) => {
      throw forbiddenAt(info);
    };
  }
  const sync = SYNC_RULES.get(r as object);
  if (sync) {
    const { access, logAs } = sync;
    if (logAs) {
      return (parent, args, ctx, info) => {
        if (!access.check(ctx.viewer, parent)) throw forbiddenAt(info);
        ctx.accessLog.note(logAs, parent as Logged, info.fieldName);
        return resolve(parent, args, ctx, info);
      };
    }
    return (parent, args, ctx, info) => {
      if (!access.check(ctx.viewer, parent)) throw forbiddenAt(info);
      return resolve(parent, args, ctx, info);
    };
  }
  // any other shield rule (e.g. and/or of rules, or an asynchronous one): shield decides, awaited
  return async (parent, args, ctx, info) => {
    // shield keeps its per-request rule cache on the context
    const shieldCtx = ctx as HubContext & { _shield?: { cache: Record<string, unknown> } };
    shieldCtx._shield ??= { cache: {} };
    const ok: unknown = await (r as IRule).resolve(
      parent as object,
      args,
      shieldCtx as never,
      info,
      SHIELD_OPTIONS as never,
    );
    // a rule's own error (shield: a returned Error or string) is reported as it is; false is FORBIDDEN
    if (ok !== true) throw ok instanceof Error ? ok : forbiddenAt(info);
    return resolve(parent, args, ctx, info);
  };
}

/**
 * Applies a shield rule tree to every field of every object type (introspection excepted), on a copy
 * of the schema. As graphql-middleware does: a field's own resolver is guarded, or for a
 * subscription field without one its `subscribe`, or else the default resolver.
 */
export function applyRuleTree(
  schema: GraphQLSchema,
  tree: Record<string, Record<string, ShieldRule>>,
): GraphQLSchema {
  const guarded = mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field: GraphQLFieldConfig<unknown, HubContext>, fieldName, typeName) => {
      const type = schema.getType(typeName);
      if (!type || !isObjectType(type) || isIntrospectionType(type)) return field;
      const rules = tree[typeName];
      const r = rules?.[fieldName] ?? rules?.['*'];
      if (field.resolve && field.resolve !== defaultFieldResolver)
        return { ...field, resolve: guard(field.resolve, r) };
      if (field.subscribe) return { ...field, subscribe: guard(field.subscribe, r) };
      return { ...field, resolve: guard(defaultFieldResolver as Resolver, r) };
    },
  });
  GUARDED.add(guarded);
  return guarded;
}

const GUARDED = new WeakSet<GraphQLSchema>();

/** Whether the schema enforces the rule tree (the compiled read path serves only such a schema). */
export const isGuarded = (schema: GraphQLSchema): boolean => GUARDED.has(schema);

export function applyPermissions(schema: GraphQLSchema): GraphQLSchema {
  return applyRuleTree(schema, ruleTree());
}
