import { secretValue, type SecretSetting } from '../../../platform/server/secrets';
import { Platform } from '../vocabulary';

/*
 * What the hub shares with each platform: the secret webhooks are signed with and the token the events API is
 * called with. Development runs (NODE_ENV unset, development or test) fall back to documented development values, so the
 * demo hub works out of the box; anyone can read those here, so a production process refuses to start with them.
 */

/** "postmart", "POSTMART" -> Platform.POSTMART; null for a platform the hub does not know. */
export function parsePlatform(text: string): Platform | null {
  const upper = text.trim().toUpperCase();
  return (Object.values(Platform) as string[]).includes(upper) ? (upper as Platform) : null;
}

export function secretVariable(platform: Platform): string {
  return `MARKETPLACE_${platform}_SECRET`;
}

export function tokenVariable(platform: Platform): string {
  return `MARKETPLACE_${platform}_TOKEN`;
}

/** "dev-postmart-secret", "dev-voso-token"... */
export function developmentCredential(platform: Platform, kind: 'secret' | 'token'): string {
  return `dev-${platform.toLowerCase()}-${kind}`;
}

/** The platform's webhook secret from `MARKETPLACE_<PLATFORM>_SECRET`, or the development one; null in production without it. */
export function webhookSecret(platform: Platform): string | null {
  return credential(secretVariable(platform), developmentCredential(platform, 'secret'));
}

/** The events API token from `MARKETPLACE_<PLATFORM>_TOKEN`, or the development one; null in production without it. */
export function apiToken(platform: Platform): string | null {
  return credential(tokenVariable(platform), developmentCredential(platform, 'token'));
}

function credential(variable: string, developmentValue: string): string | null {
  return secretValue({ variable, developmentValue, purpose: '' });
}

/** What a production marketplace subgraph must be given: each platform's webhook secret (and no development token). */
export function marketplaceSecrets(): SecretSetting[] {
  return Object.values(Platform).flatMap((platform): SecretSetting[] => [
    { variable: secretVariable(platform), developmentValue: developmentCredential(platform, 'secret'), purpose: `${platform} webhook signatures` },
    { variable: tokenVariable(platform), developmentValue: developmentCredential(platform, 'token'), purpose: `${platform} events API`, optional: true },
  ]);
}
