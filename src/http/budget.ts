/**
 * First the operation gate (trusted documents, src/http/trusted-documents.ts), then the operation's
 * cost against two budgets, after parsing and validation and before any resolver:
 * the viewer's role budget for one operation (COST_BUDGETS, LIMIT_EXCEEDED, HTTP 400), then the
 * organisation's points per minute (RATE_LIMITED, HTTP 429 with Retry-After). The response carries
 * the estimate (x-cost) and what is left of the minute's budget (x-ratelimit-remaining).
 */
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { HubContext } from '../context.js';
import type { Viewer } from '../auth/viewer.js';
import { COST_BUDGETS, estimateCost } from './cost.js';
import type { RateLimiter } from './rate-limit.js';

/** Whose budget a request spends: its organisation's, or the public's (all callers without a token). */
export const rateKeyOf = (viewer: Viewer): string => (viewer.orgCode ? `org:${viewer.orgCode}` : 'public');

/** Runs before the estimate; throws to refuse the operation (the trusted-documents check). */
export type OperationGate = (args: {
  contextValue: HubContext;
  document: DocumentNode;
  operationName?: string | null;
}) => void;

/**
 * The gate, the role budget and the rate limit for one parsed and validated operation; throws the
 * refusal (a coded GraphQLError). Used for HTTP requests (budgetPlugin) and subscriptions.
 */
export async function admitOperation(
  args: {
    contextValue: HubContext;
    document: DocumentNode;
    schema: GraphQLSchema;
    variables?: Record<string, unknown>;
    operationName?: string | null;
  },
  limiter: RateLimiter | null,
  gate?: OperationGate,
): Promise<{ cost: number | null; remaining: number | null }> {
  const { contextValue, document, schema, variables, operationName } = args;
  gate?.({ contextValue, document, operationName });
  const cost = estimateCost(schema, document, variables, operationName);
  if (cost === null) return { cost, remaining: null };
  const budget = COST_BUDGETS[contextValue.viewer.role];
  if (cost > budget) {
    throw new GraphQLError(
      `The operation's estimated cost ${cost} is over the budget of ${budget} for one operation ` +
        'of your role: ask for smaller pages (first/last) or fewer nested lists.',
      { extensions: { code: 'LIMIT_EXCEEDED', cost, budget, http: { status: 400 } } },
    );
  }
  if (!limiter || cost === 0) return { cost, remaining: null };
  const charged = await limiter.charge(rateKeyOf(contextValue.viewer), cost);
  if (!charged.ok) {
    const retryAfterSeconds = Math.max(1, Math.ceil(charged.retryAfterMs / 1000));
    throw new GraphQLError(
      `Your organisation has used its ${limiter.budget} cost points of this minute; ` +
        `retry in ${retryAfterSeconds} s.`,
      {
        extensions: {
          code: 'RATE_LIMITED',
          retryAfterSeconds,
          cost,
          http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) },
        },
      },
    );
  }
  return { cost, remaining: charged.remaining };
}

export function budgetPlugin(
  limiter: RateLimiter | null,
  gate?: OperationGate,
): ApolloServerPlugin<HubContext> {
  return {
    async requestDidStart() {
      let admitted: { cost: number | null; remaining: number | null } = { cost: null, remaining: null };
      return {
        async didResolveOperation({ contextValue, document, request, schema, operationName }) {
          admitted = await admitOperation(
            { contextValue, document, schema, variables: request.variables, operationName },
            limiter,
            gate,
          );
        },
        async willSendResponse({ response }) {
          if (admitted.cost !== null) response.http.headers.set('x-cost', String(admitted.cost));
          if (admitted.remaining !== null)
            response.http.headers.set('x-ratelimit-remaining', String(admitted.remaining));
        },
      };
    },
  };
}
