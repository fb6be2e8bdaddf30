/**
 * Who publishes a ledger, and as which source. An agency publishes only its own source (the finance
 * bureau PERFORMANCE, the audit bureau AUDIT, …): the organisation table does not say which one, so
 * an agency's source is the one it has published so far (findings and reviews). An agency that has
 * published nothing yet names it (`--source`, or the role of its token), once. Used by
 * `npm run import` on a database of its own and by the hub's ledger upload (publishing.http.ts), so
 * both answer with the same messages.
 */
import type { Knex } from 'knex';
import { FindingSource, OrganizationKind, Role, SOURCE_OF_ROLE } from '../../shared/enums.js';

export const ROLE_OF_SOURCE: Record<FindingSource, Role> = {
  PERFORMANCE: Role.FINANCE,
  AUDIT: Role.AUDIT,
  REFORM: Role.REFORM,
  DISCIPLINE: Role.DISCIPLINE,
};

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
  const { rows } = (await knex.raw(
    'select source from finding where agency_id = ? union select source from review where agency_id = ?',
    [orgId, orgId],
  )) as { rows: { source: FindingSource }[] };
  const have = new Set(rows.map((r) => r.source));
  return Object.values(FindingSource).filter((s) => have.has(s));
}

/** "HC-CZJ 鹤城区财政局 (PERFORMANCE), …": the agencies a wrong --org could have meant. */
async function agencyList(knex: Knex): Promise<string> {
  const agencies = (await knex('organization')
    .select('id', 'code', 'name')
    .where('kind', OrganizationKind.OVERSIGHT_AGENCY)
    .orderBy('code')
    .limit(20)) as { id: number; code: string; name: string }[];
  if (!agencies.length) return 'there are no oversight agencies in this hub yet';
  const parts = [];
  for (const a of agencies) {
    const sources = await sourcesOf(knex, a.id);
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
  const org = (await knex('organization')
    .select('id', 'code', 'name', 'kind')
    .where('code', code)
    .first()) as { id: number; code: string; name: string; kind: OrganizationKind } | undefined;
  if (!org) {
    throw new PublisherProblem(
      'UNKNOWN_ORGANIZATION',
      `no organisation with code "${code}" in this hub; ${await agencyList(knex)}`,
    );
  }
  if (org.kind !== OrganizationKind.OVERSIGHT_AGENCY) {
    throw new PublisherProblem(
      'NOT_AN_AGENCY',
      `${org.code} (${org.name}) is a ${org.kind}, not an oversight agency: only oversight agencies ` +
        `publish findings; ${await agencyList(knex)}`,
    );
  }
  const own = await sourcesOf(knex, org.id);
  if (requested && own.length && !own.includes(requested)) {
    throw new PublisherProblem(
      'WRONG_SOURCE',
      `${org.code} (${org.name}) publishes ${own.join(', ')} findings, not ${requested}: an agency ` +
        `publishes only its own source; ${requested} findings come from another agency`,
    );
  }
  const source = requested ?? (own.length === 1 ? own[0]! : null);
  if (!source) {
    throw new PublisherProblem(
      'SOURCE_NEEDED',
      own.length
        ? `${org.code} (${org.name}) has published ${own.join(' and ')} findings: name the ledger's source with --source`
        : `${org.code} (${org.name}) has published nothing yet: name its source with --source ` +
            `(${Object.values(FindingSource).join('|')})`,
    );
  }
  return { id: org.id, code: org.code, name: org.name, source, role: ROLE_OF_SOURCE[source] };
}

/** For a token: may this oversight role publish for its organisation (its own source)? */
export async function checkTokenPublisher(knex: Knex, role: Role, orgCode: string): Promise<Publisher> {
  const source = SOURCE_OF_ROLE[role];
  if (!source) {
    throw new PublisherProblem(
      'NOT_AN_AGENCY',
      `Only an oversight agency publishes findings; a ${role} token cannot.`,
    );
  }
  return resolvePublisher(knex, orgCode, source);
}
