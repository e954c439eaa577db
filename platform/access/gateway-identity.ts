import type { IncomingHttpHeaders } from 'node:http';
import { GraphQLError } from 'graphql';
import { createTokenVerifier, type JwtOptions, type TokenVerifier } from './jwt';
import { KeyStore } from './key-store';
import { PUBLIC_VIEWER, type Viewer } from './roles';

/** The only place credentials are read: API keys and identity-provider tokens, at the gateway. */
export interface GatewayAccess {
  /** The viewer a request's credential stands for; public without one; throws (401) for a bad one. */
  viewerOf(headers: IncomingHttpHeaders): Promise<Viewer>;
  close(): Promise<void>;
}

export interface GatewayAccessOptions {
  /** The database holding the `access` schema (API keys); without it, keys are refused with a clear message. */
  databaseUrl?: string;
  /** Identity-provider tokens; without it, tokens are refused. */
  jwt?: JwtOptions;
}

export async function openGatewayAccess(options: GatewayAccessOptions = {}): Promise<GatewayAccess> {
  const keys = options.databaseUrl ? await KeyStore.open(options.databaseUrl) : undefined;
  let tokens: TokenVerifier | undefined;
  try {
    tokens = options.jwt ? await createTokenVerifier(options.jwt) : undefined;
  } catch (error) {
    await keys?.close();
    throw error;
  }
  return {
    async viewerOf(headers) {
      const credential = presentedCredential(headers);
      if (!credential) return PUBLIC_VIEWER;
      if (credential.startsWith('nsk_')) {
        if (!keys) throw unauthenticated('This gateway has no key database (DATABASE_URL): API keys cannot be checked.');
        return accepted(await keys.check(credential));
      }
      if (credential.split('.').length === 3) {
        if (!tokens) throw unauthenticated('This gateway accepts no identity-provider tokens (NONGSAN_JWKS_FILE or NONGSAN_JWKS_URL is not set).');
        return accepted(await tokens(credential));
      }
      throw unauthenticated('The credential is neither an API key (nsk_...) nor a token (three dot-separated parts).');
    },
    close: async () => {
      await keys?.close();
    },
  };
}

/** `x-api-key: <key>` or `authorization: Bearer <key or token>`. */
function presentedCredential(headers: IncomingHttpHeaders): string | undefined {
  const key = headers['x-api-key'];
  if (typeof key === 'string' && key.trim()) return key.trim();
  const authorization = headers.authorization;
  if (typeof authorization !== 'string' || !authorization.trim()) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) throw unauthenticated('The authorization header must be "Bearer <API key or token>".');
  return match[1];
}

function accepted(check: { viewer: Viewer } | { refused: string }): Viewer {
  if ('refused' in check) throw unauthenticated(check.refused);
  return check.viewer;
}

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}
