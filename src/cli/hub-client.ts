/**
 * For command-line tools that run beside a hub on the embedded database: they go through its HTTP API
 * (found in `<dataDir>/hub.json`, see src/db/running-hub.ts) with a short-lived token they sign with
 * the same secret as the hub, instead of opening the data folder the hub holds.
 */
import type { HubConfig } from '../config.js';
import { signToken } from '../auth/tokens.js';
import type { RunningHubInfo } from '../db/running-hub.js';
import type { Role } from '../shared/enums.js';

/** A refusal or failure of the hub, as one line for people. */
export class HubRequestError extends Error {
  constructor(
    readonly status: number | null,
    readonly code: string | null,
    message: string,
  ) {
    super(message);
  }
}

export function cliToken(config: HubConfig, claims: { sub: string; role: Role; org: string }) {
  return signToken(config, claims, 300);
}

/** One line saying which hub the command goes through. */
export function throughHubLine(config: HubConfig, hub: RunningHubInfo): string {
  return `the hub (process ${hub.pid}) holds ${config.dataDir}: going through its API at ${hub.url}`;
}

/** fetch against the hub; a hub that does not answer, or answers with an error, is a HubRequestError. */
export async function hubFetch(
  config: HubConfig,
  hub: RunningHubInfo,
  path: string,
  init: RequestInit = {},
): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(new URL(path, hub.url), init);
  } catch (e) {
    throw new HubRequestError(
      null,
      null,
      `the hub at ${hub.url} (process ${hub.pid}) does not answer: ${(e as Error).cause ?? (e as Error).message}`,
    );
  }
  if (res.ok || res.status === 422) return res;
  let code: string | null = null;
  let message = `HTTP ${res.status}`;
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string } };
    code = body.error?.code ?? null;
    message = body.error?.message ?? message;
  } catch {
    /* not JSON */
  }
  if (res.status === 401) {
    // the hub names the cause; add what to do about it from here
    const hint =
      hub.secret === 'HUB_JWT_SECRET' && config.jwtSecretSource !== 'HUB_JWT_SECRET'
        ? ' The hub signs with HUB_JWT_SECRET: run this command with the same HUB_JWT_SECRET.'
        : hub.secret === 'data folder' && config.jwtSecretSource === 'HUB_JWT_SECRET'
          ? ` The hub signs with the secret of ${config.dataDir}: run this command without HUB_JWT_SECRET.`
          : '';
    message = `the hub at ${hub.url} refused the command's token: ${message}${hint}`;
  }
  throw new HubRequestError(res.status, code, message);
}
