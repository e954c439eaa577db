import fs from 'node:fs';
import { isRole, viewerOf, type Viewer } from './roles';

/**
 * Tokens from an external identity provider, verified with `jose` against its published keys (a JWKS file or
 * URL): signature, issuer, audience, expiry with a clock skew. Two configurable claims give the role and the
 * scope; a map can translate the provider's own role names (its groups, say) into the hub's.
 */
export interface JwtOptions {
  jwksFile?: string;
  jwksUrl?: string;
  issuer: string;
  audience: string;
  /** Seconds of clock difference tolerated on exp/nbf/iat. */
  clockSkewSeconds?: number;
  /** Default `nongsan_role`. */
  roleClaim?: string;
  /** Default `nongsan_scope`: a province code or a platform. */
  scopeClaim?: string;
  /** The provider's role values → the hub's roles; values not in the map must be the hub's own role names. */
  roleMap?: Record<string, string>;
}

export type TokenCheck = { viewer: Viewer } | { refused: string };

export type TokenVerifier = (token: string) => Promise<TokenCheck>;

/** JwtOptions from NONGSAN_JWKS_FILE or NONGSAN_JWKS_URL, NONGSAN_JWT_ISSUER, NONGSAN_JWT_AUDIENCE and the rest. */
export function jwtOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): JwtOptions | undefined {
  const jwksFile = env.NONGSAN_JWKS_FILE?.trim();
  const jwksUrl = env.NONGSAN_JWKS_URL?.trim();
  if (!jwksFile && !jwksUrl) return undefined;
  const issuer = env.NONGSAN_JWT_ISSUER?.trim();
  const audience = env.NONGSAN_JWT_AUDIENCE?.trim();
  if (!issuer || !audience) throw new Error('With NONGSAN_JWKS_FILE or NONGSAN_JWKS_URL, set NONGSAN_JWT_ISSUER and NONGSAN_JWT_AUDIENCE too.');
  let roleMap: Record<string, string> | undefined;
  if (env.NONGSAN_JWT_ROLE_MAP?.trim()) {
    try {
      roleMap = JSON.parse(env.NONGSAN_JWT_ROLE_MAP) as Record<string, string>;
    } catch {
      throw new Error('NONGSAN_JWT_ROLE_MAP must be JSON, e.g. {"so-cong-thuong": "trade"}.');
    }
  }
  return {
    jwksFile,
    jwksUrl,
    issuer,
    audience,
    clockSkewSeconds: env.NONGSAN_JWT_CLOCK_SKEW ? Number(env.NONGSAN_JWT_CLOCK_SKEW) : undefined,
    roleClaim: env.NONGSAN_JWT_ROLE_CLAIM?.trim() || undefined,
    scopeClaim: env.NONGSAN_JWT_SCOPE_CLAIM?.trim() || undefined,
    roleMap,
  };
}

export async function createTokenVerifier(options: JwtOptions): Promise<TokenVerifier> {
  // jose is published as an ES module only; the hub compiles to CommonJS, hence the dynamic import.
  const jose = await import('jose');
  const keys = options.jwksUrl
    ? jose.createRemoteJWKSet(new URL(options.jwksUrl))
    : jose.createLocalJWKSet(JSON.parse(fs.readFileSync(options.jwksFile!, 'utf8')) as Parameters<typeof jose.createLocalJWKSet>[0]);
  const roleClaim = options.roleClaim ?? 'nongsan_role';
  const scopeClaim = options.scopeClaim ?? 'nongsan_scope';
  return async (token) => {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jose.jwtVerify(token, keys, {
        issuer: options.issuer,
        audience: options.audience,
        clockTolerance: options.clockSkewSeconds ?? 30,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (error) {
      return { refused: `The token was refused: ${tokenProblem(error as { code?: string; claim?: string; message: string })}` };
    }
    const given = payload[roleClaim];
    const role = typeof given === 'string' ? (options.roleMap?.[given] ?? given) : undefined;
    if (!isRole(role) || role === 'public') return { refused: `The token's "${roleClaim}" claim names no role of the hub (${String(given)}).` };
    const scope = payload[scopeClaim];
    try {
      return { viewer: viewerOf(`jwt:${String(payload.sub)}`, role, typeof scope === 'string' ? scope : null) };
    } catch (error) {
      return { refused: `The token's "${scopeClaim}" claim: ${(error as Error).message}` };
    }
  };
}

function tokenProblem(error: { code?: string; claim?: string; message: string }): string {
  switch (error.code) {
    case 'ERR_JWT_EXPIRED':
      return 'it has expired.';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return `its "${error.claim}" claim is not the one this hub accepts (${error.message}).`;
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return 'its signature does not match the identity provider\'s keys.';
    default:
      return error.message;
  }
}
