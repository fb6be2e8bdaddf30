/**
 * Bearer tokens: HS256 JWTs verified with jose (signature, issuer, audience, expiry).
 * Claims: sub (user), role, org (organisation code).
 */
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import type { HubConfig } from '../config.js';
import { Role } from '../shared/enums.js';
import { unauthenticated } from '../shared/errors.js';

export interface TokenClaims {
  sub: string;
  role: Role;
  org: string | null;
  /** Expiry, seconds since the epoch (set on verified tokens). */
  exp?: number;
}

const ROLES = new Set<string>(Object.values(Role));
/** Roles that act for an organisation must name it in the token. */
export const ROLE_NEEDS_ORG = (r: Role) => r !== Role.PUBLIC;

/** Parses "1h", "30m", "7d", "3600s" or plain seconds. */
export function parseTtl(ttl: string): number {
  const m = /^(\d+)\s*([smhd]?)$/.exec(ttl.trim());
  if (!m) throw new Error(`bad TTL "${ttl}": use e.g. 30m, 1h, 7d`);
  const mult = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Number(m[1]) * mult;
}

export async function signToken(config: HubConfig, claims: TokenClaims, ttlSeconds: number): Promise<string> {
  return new SignJWT({ role: claims.role, ...(claims.org ? { org: claims.org } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(config.jwtIssuer)
    .setAudience(config.jwtAudience)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(config.jwtSecret);
}

/**
 * Verified tokens, per config (so per secret): a partner system sends the same token with every
 * request until it expires, and checking an HMAC signature (WebCrypto, asynchronous, importing the
 * key each time) cost more than a small page's SQL. Keyed by the whole token string, so a cached
 * answer is exactly what verifying it again would give — until its expiry, which is checked on every
 * hit. Bounded: cleared when full.
 */
const verified = new WeakMap<HubConfig, Map<string, TokenClaims>>();
const MAX_CACHED_TOKENS = 5_000;

/** Throws UNAUTHENTICATED with a reason that never echoes the token. */
export async function verifyToken(config: HubConfig, token: string): Promise<TokenClaims> {
  let cache = verified.get(config);
  const hit = cache?.get(token);
  if (hit && hit.exp !== undefined && Date.now() < hit.exp * 1000) return hit;
  if (hit) cache!.delete(token);
  const claims = await verifyUncached(config, token);
  if (!cache) verified.set(config, (cache = new Map()));
  if (cache.size >= MAX_CACHED_TOKENS) cache.clear();
  cache.set(token, claims);
  return claims;
}

async function verifyUncached(config: HubConfig, token: string): Promise<TokenClaims> {
  let payload;
  try {
    ({ payload } = await jwtVerify(token, config.jwtSecret, {
      issuer: config.jwtIssuer,
      audience: config.jwtAudience,
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'sub'],
    }));
  } catch (e) {
    if (e instanceof joseErrors.JWTExpired) throw unauthenticated('The bearer token has expired.');
    if (e instanceof joseErrors.JWTClaimValidationFailed)
      throw unauthenticated(`The bearer token is not valid here (${e.claim}).`);
    if (e instanceof joseErrors.JWSSignatureVerificationFailed) {
      throw unauthenticated(
        "The bearer token's signature does not match this hub's secret: it may come from another hub " +
          '(signed with another data folder or HUB_JWT_SECRET). Sign it where this hub runs.',
      );
    }
    throw unauthenticated('The bearer token is invalid.');
  }
  const role = payload.role;
  if (typeof role !== 'string' || !ROLES.has(role))
    throw unauthenticated('The bearer token has no valid role.');
  const org = typeof payload.org === 'string' ? payload.org : null;
  if (ROLE_NEEDS_ORG(role as Role) && !org)
    throw unauthenticated(`A ${role} token must name its organisation (org).`);
  return { sub: payload.sub!, role: role as Role, org, exp: payload.exp };
}
