import { Access, RoleAccess, type TypeRules } from '../../policy/field-rules.js';

/** Profiles are the agency's own (the service scopes them); aliases are shared reference data. */
export const intakeRules: TypeRules = {
  Mutation: {
    organizationAliasRegister: RoleAccess.AGENCY_OR_ADMIN,
    projectAliasRegister: RoleAccess.AGENCY_OR_ADMIN,
    importProfileSave: RoleAccess.AGENCY,
  },
  Query: { importProfiles: RoleAccess.AGENCY },
  OrganizationAlias: {
    alias: Access.VISIBLE,
    unitCode: Access.VISIBLE,
    unitName: Access.VISIBLE,
    createdAt: Access.VISIBLE,
  },
  OrganizationAliasPayload: { alias: Access.VISIBLE, userErrors: Access.VISIBLE },
  ProjectAlias: {
    alias: Access.VISIBLE,
    projectCode: Access.VISIBLE,
    projectName: Access.VISIBLE,
    createdAt: Access.VISIBLE,
  },
  ProjectAliasPayload: { alias: Access.VISIBLE, userErrors: Access.VISIBLE },
  ImportProfileColumn: { header: Access.VISIBLE, field: Access.VISIBLE },
  ImportProfile: {
    name: Access.VISIBLE,
    columns: Access.VISIBLE,
    amountUnit: Access.VISIBLE,
    defaultCategory: Access.VISIBLE,
    documentNumber: Access.VISIBLE,
    version: Access.VISIBLE,
    updatedAt: Access.VISIBLE,
  },
  ImportProfilePayload: { profile: Access.VISIBLE, userErrors: Access.VISIBLE },
};
