/**
 * `npm run token -- --role <ROLE> [--org <code>] [--ttl 1h] [--sub <user>]`: prints a signed bearer token.
 * On demo data --org defaults to the role's demo organisation (UNIT: the first unit).
 * Signs with HUB_JWT_SECRET or the data folder's secret (says which on stderr); never creates a secret.
 */
import type { Knex } from 'knex';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { loadConfig, MissingSecretError, type HubConfig } from '../config.js';
import { parseTtl, signToken } from '../auth/tokens.js';
import { Role } from '../shared/enums.js';
import { DEMO_ORG_OF_ROLE } from '../seed/generator.js';
import { organizationNamesByCodes } from '../modules/organization/organization.repo.js';

export async function demoTokens(config: HubConfig, knex: Knex, ttl: string) {
  const codes = await organizationNamesByCodes(knex, Object.values(DEMO_ORG_OF_ROLE));
  const out: { role: Role; org: string | null; token: string }[] = [];
  for (const role of Object.values(Role)) {
    if (role === Role.PUBLIC) continue;
    const org = DEMO_ORG_OF_ROLE[role]!;
    if (!codes.has(org)) continue;
    out.push({
      role,
      org,
      token: await signToken(config, { sub: `demo-${role.toLowerCase()}`, role, org }, parseTtl(ttl)),
    });
  }
  return out;
}

async function main() {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      org: { type: 'string' },
      ttl: { type: 'string', default: '1h' },
      sub: { type: 'string' },
    },
  });
  const roles = Object.values(Role);
  const role = values.role?.toUpperCase() as Role | undefined;
  if (!role || !roles.includes(role)) {
    console.error(
      `usage: npm run token -- --role <${roles.join('|')}> [--org <code>] [--ttl 1h] [--sub <user>]`,
    );
    process.exit(2);
  }
  if (role === Role.PUBLIC) {
    console.error('PUBLIC needs no token: send requests without an Authorization header.');
    process.exit(2);
  }
  let ttlSeconds: number;
  try {
    ttlSeconds = parseTtl(values.ttl!);
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
  const org = values.org ?? DEMO_ORG_OF_ROLE[role]!;
  let config: HubConfig;
  try {
    // never generate a secret here: a token signed with a fresh one is refused by every hub
    config = loadConfig(process.env, { createSecret: false });
  } catch (e) {
    if (!(e instanceof MissingSecretError)) throw e;
    console.error(`npm run token: ${e.message}`);
    process.exit(1);
  }
  // on stderr, so that TOKEN=$(npm run -s token …) still gets the token alone
  console.error(
    config.jwtSecretSource === 'HUB_JWT_SECRET'
      ? 'signed with HUB_JWT_SECRET'
      : `signed with the secret of the data folder ${config.dataDir} (${config.jwtSecretSource})`,
  );
  process.stdout.write(
    (await signToken(config, { sub: values.sub ?? `cli-${role.toLowerCase()}`, role, org }, ttlSeconds)) +
      '\n',
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
