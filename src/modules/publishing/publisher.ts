/**
 * Who publishes a ledger, and as which source. An agency publishes only its own source (the finance
 * bureau PERFORMANCE, the audit bureau AUDIT, …): the organisation table does not say which one, so
 * an agency's source is the one it has published so far (findings and reviews). An agency that has
 * published nothing yet names it (`--source`, or the role of its token), once. The rule is the
 * policy's (publishingSourceOf in src/policy/publishing.ts); this file reads what it needs and says
 * what is wrong. Used by `npm run import` on a database of its own and by the hub's ledger upload
 * (publishing.http.ts), so both answer with the same messages.
 */
import type { Knex } from 'knex';
import { FindingSource, Role } from '../../shared/enums.js';
import { publishingSourceOf, ROLE_OF_SOURCE, sourceOfRole } from '../../policy/publishing.js';
import { organizationByCode, oversightAgencies } from '../organization/organization.repo.js';
import { publishedSourcesOf } from './publishing.repo.js';

export { ROLE_OF_SOURCE };

export interface Publisher {
  id: number;
  code: string;
  name: string;
  source: FindingSource;
  /** The token role that publishes this source. */
  role: Role;
}

export type PublisherProblemCode =
  'UNKNOWN_ORGANIZATION' | 'NOT_AN_AGENCY' | 'WRONG_SOURCE' | 'SOURCE_NEEDED';

export class PublisherProblem extends Error {
  constructor(
    readonly code: PublisherProblemCode,
    message: string,
  ) {
    super(message);
  }
  /** The HTTP status of this refusal. */
  get httpStatus(): number {
    return this.code === 'UNKNOWN_ORGANIZATION' ? 404 : this.code === 'SOURCE_NEEDED' ? 400 : 403;
  }
}

/** The sources an organisation has published (findings or reviews), in enum order. */
export async function sourcesOf(knex: Knex, orgId: number): Promise<FindingSource[]> {
  const have = await publishedSourcesOf(knex, orgId);
  return Object.values(FindingSource).filter((s) => have.has(s));
}

/** "HC-CZJ 怀化市鹤城区财政局 (PERFORMANCE), …": the agencies a wrong --org could have meant. */
async function agencyList(knex: Knex): Promise<string> {
  const agencies = await oversightAgencies(knex, 20);
  if (!agencies.length) return 'there are no oversight agencies in this hub yet';
  const parts = [];
  for (const a of agencies) {
    const sources = await sourcesOf(knex, a.dbId);
    parts.push(`${a.code} ${a.name}${sources.length ? ` (${sources.join(', ')})` : ''}`);
  }
  return `oversight agencies: ${parts.join('; ')}`;
}

/**
 * The publisher of a ledger for the organisation `code`, as the source `requested` (or its own);
 * throws PublisherProblem with a message that says what is wrong: no such organisation, not an
 * oversight agency, another agency's source, or no source known yet.
 */
export async function resolvePublisher(
  knex: Knex,
  code: string,
  requested: FindingSource | null,
): Promise<Publisher> {
  const org = await organizationByCode(knex, code);
  if (!org) {
    throw new PublisherProblem(
      'UNKNOWN_ORGANIZATION',
      `no organisation with code "${code}" in this hub; ${await agencyList(knex)}`,
    );
  }
  const own = await sourcesOf(knex, org.dbId);
  const decision = publishingSourceOf(org, own, requested);
  if ('refused' in decision) {
    const who = `${org.code} (${org.name})`;
    switch (decision.refused) {
      case 'NOT_AN_AGENCY':
        throw new PublisherProblem(
          'NOT_AN_AGENCY',
          `${who} is a ${org.kind}, not an oversight agency: only oversight agencies ` +
            `publish findings; ${await agencyList(knex)}`,
        );
      case 'WRONG_SOURCE':
        throw new PublisherProblem(
          'WRONG_SOURCE',
          `${who} publishes ${own.join(', ')} findings, not ${requested}: an agency ` +
            `publishes only its own source; ${requested} findings come from another agency`,
        );
      case 'SOURCE_NEEDED':
        throw new PublisherProblem(
          'SOURCE_NEEDED',
          own.length
            ? `${who} has published ${own.join(' and ')} findings: name the ledger's source with --source`
            : `${who} has published nothing yet: name its source with --source ` +
                `(${Object.values(FindingSource).join('|')})`,
        );
    }
  }
  const { source } = decision;
  return { id: org.dbId, code: org.code, name: org.name, source, role: ROLE_OF_SOURCE[source] };
}

/** For a token: may this oversight role publish for its organisation (its own source)? */
export async function checkTokenPublisher(knex: Knex, role: Role, orgCode: string): Promise<Publisher> {
  const source = sourceOfRole(role);
  if (!source) {
    throw new PublisherProblem(
      'NOT_AN_AGENCY',
      `Only an oversight agency publishes findings; a ${role} token cannot.`,
    );
  }
  return resolvePublisher(knex, orgCode, source);
}
