import { Access, RoleAccess, type TypeRules } from '../../policy/field-rules.js';

/** Publishing and withdrawing reviews: agencies only (the service checks that the review is theirs). */
export const reviewPublishingRules: TypeRules = {
  Mutation: {
    reviewPublish: RoleAccess.AGENCY,
    reviewWithdraw: RoleAccess.AGENCY,
  },
  ReviewPayload: {
    review: Access.VISIBLE,
    created: Access.VISIBLE,
    changed: Access.VISIBLE,
    userErrors: Access.VISIBLE,
  },
};
