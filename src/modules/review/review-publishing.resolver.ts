import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { HubContext } from '../../context.js';
import { asUserErrors } from '../../shared/user-error.js';
import { ReviewPayload, ReviewPublishInput, ReviewWithdrawInput } from './review-publishing.inputs.js';
import { publishReview, withdrawReview } from './review.publishing.js';

@Resolver()
export class ReviewPublishingResolver {
  @Mutation(() => ReviewPayload, {
    description:
      'Publish or update one of your reviews by your own reference; sending it again changes nothing (发布评价/审计结果).',
  })
  async reviewPublish(
    @Ctx() ctx: HubContext,
    @Arg('input', () => ReviewPublishInput, { description: 'The review (评价/审计).' })
    input: ReviewPublishInput,
  ) {
    try {
      return { ...(await publishReview(ctx.knex, ctx.viewer, input)), userErrors: [] };
    } catch (e) {
      return { review: null, created: false, changed: false, userErrors: asUserErrors(e) };
    }
  }

  @Mutation(() => ReviewPayload, {
    description: 'Withdraw one of your reviews, with a reason; it stays readable by id (撤回).',
  })
  async reviewWithdraw(
    @Ctx() ctx: HubContext,
    @Arg('input', () => ReviewWithdrawInput, { description: 'The withdrawal (撤回).' })
    input: ReviewWithdrawInput,
  ) {
    try {
      const review = await withdrawReview(ctx.knex, ctx.viewer, input);
      return { review, created: false, changed: true, userErrors: [] };
    } catch (e) {
      return { review: null, created: false, changed: false, userErrors: asUserErrors(e) };
    }
  }
}
