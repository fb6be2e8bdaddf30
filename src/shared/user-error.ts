import { Field, ObjectType } from 'type-graphql';

/** A problem the caller can fix, returned in a mutation payload (not thrown). */
@ObjectType('UserError', {
  description: 'A problem with the input that the caller can fix (输入问题).',
  simpleResolvers: true,
})
export class UserError {
  @Field(() => String, { description: 'Stable machine-readable code, e.g. CONFLICT, NOT_FOUND (错误代码).' })
  code!: string;

  @Field(() => String, { nullable: true, description: 'Input field concerned, if any (相关字段).' })
  field!: string | null;

  @Field(() => String, { description: 'Explanation for people (说明).' })
  message!: string;
}

/** Thrown by services for problems the caller can fix; resolvers turn it into a payload UserError. */
export class UserInputProblem extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
  }
}

export function asUserErrors(e: unknown): UserError[] {
  if (e instanceof UserInputProblem) return [{ code: e.code, field: e.field, message: e.message }];
  throw e;
}
