import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { HubContext } from '../../context.js';
import { asUserErrors } from '../../shared/user-error.js';
import type { ProfileRow } from './intake.repo.js';
import { listProfiles, registerAlias, registerProjectAlias, saveProfile } from './intake.service.js';
import {
  ImportProfileObject,
  ImportProfilePayload,
  ImportProfileSaveInput,
  OrganizationAliasPayload,
  OrganizationAliasRegisterInput,
  ProjectAliasPayload,
  ProjectAliasRegisterInput,
} from './intake.types.js';
import { budgetUnitByCode } from './intake.repo.js';
import { codeKey } from '../import/index.js';

const profileObject = (p: ProfileRow): ImportProfileObject => ({
  name: p.name,
  columns: Object.entries(p.columns).map(([header, field]) => ({ header, field })),
  amountUnit: p.amountUnit,
  defaultCategory: p.defaultCategory,
  documentNumber: p.documentNumber,
  version: p.version,
  updatedAt: p.updatedAt,
});

@Resolver()
export class IntakeResolver {
  @Mutation(() => OrganizationAliasPayload, {
    description:
      'Register another name of a budget unit so that later ledgers writing it so match (登记单位别称); refused when the name already means another unit.',
  })
  async organizationAliasRegister(
    @Ctx() ctx: HubContext,
    @Arg('input', () => OrganizationAliasRegisterInput, { description: 'The alias (别称).' })
    input: OrganizationAliasRegisterInput,
  ) {
    try {
      const a = await registerAlias(ctx.knex, ctx.viewer, input);
      const unit = (await budgetUnitByCode(ctx.knex, codeKey(input.unitCode)))!;
      return {
        alias: { alias: a.alias, unitCode: unit.code, unitName: unit.name, createdAt: a.createdAt },
        userErrors: [],
      };
    } catch (e) {
      return { alias: null, userErrors: asUserErrors(e) };
    }
  }

  @Mutation(() => ProjectAliasPayload, {
    description:
      "Register another name of a project so that later ledgers writing it so match among its unit's projects (登记项目别称); refused when the name already means another project of the unit.",
  })
  async projectAliasRegister(
    @Ctx() ctx: HubContext,
    @Arg('input', () => ProjectAliasRegisterInput, { description: 'The alias (别称).' })
    input: ProjectAliasRegisterInput,
  ) {
    try {
      const a = await registerProjectAlias(ctx.knex, ctx.viewer, input);
      return {
        alias: {
          alias: a.alias,
          projectCode: a.projectCode,
          projectName: a.projectName,
          createdAt: a.createdAt,
        },
        userErrors: [],
      };
    } catch (e) {
      return { alias: null, userErrors: asUserErrors(e) };
    }
  }

  @Mutation(() => ImportProfilePayload, {
    description: "Create or replace one of your agency's import profiles (保存导入方案).",
  })
  async importProfileSave(
    @Ctx() ctx: HubContext,
    @Arg('input', () => ImportProfileSaveInput, { description: 'The profile (导入方案).' })
    input: ImportProfileSaveInput,
  ) {
    try {
      return { profile: profileObject(await saveProfile(ctx.knex, ctx.viewer, input)), userErrors: [] };
    } catch (e) {
      return { profile: null, userErrors: asUserErrors(e) };
    }
  }

  @Query(() => [ImportProfileObject], { description: "Your agency's import profiles, by name (导入方案)." })
  async importProfiles(@Ctx() ctx: HubContext) {
    return (await listProfiles(ctx.knex, ctx.viewer)).map(profileObject);
  }
}
