import { developmentDefaultsAllowed } from './environment';

/**
 * A credential or key a deployment must set itself. Development runs fall back to a value written in the source,
 * which anyone can read: a production process refuses to start while one is missing or still that value.
 */
export interface SecretSetting {
  variable: string;
  /** The built-in development value, if there is one. */
  developmentValue?: string;
  /** What it protects, for the refusal message. */
  purpose: string;
  /** Optional settings are refused only when set to the development value (a feature a deployment may not use). */
  optional?: boolean;
}

export const DEVELOPMENT_INTERNAL_TOKEN = 'nongsan-internal-development-token';
export const DEVELOPMENT_ID_HASH_KEY = 'nongsan-graph-development-key-not-for-production';
/** The access layer signs the caller's identity for subgraphs with it (platform/access). */
export const DEVELOPMENT_IDENTITY_SECRET = 'nongsan-identity-development-secret';

/** What every process of the hub needs, whichever subgraph it serves. */
export const PLATFORM_SECRETS: SecretSetting[] = [
  { variable: 'NONGSAN_INTERNAL_TOKEN', developmentValue: DEVELOPMENT_INTERNAL_TOKEN, purpose: 'calls between subgraphs (/internal routes)' },
  { variable: 'NONGSAN_ID_HASH_KEY', developmentValue: DEVELOPMENT_ID_HASH_KEY, purpose: 'the keyed hash of ID numbers that links sources' },
  { variable: 'NONGSAN_IDENTITY_SECRET', developmentValue: DEVELOPMENT_IDENTITY_SECRET, purpose: "the gateway's signed identity header to subgraphs" },
];

/** The configured value, or the development one where development defaults apply; null otherwise. */
export function secretValue(setting: SecretSetting, env: NodeJS.ProcessEnv = process.env): string | null {
  const configured = env[setting.variable];
  if (configured) return configured;
  return developmentDefaultsAllowed(env) ? (setting.developmentValue ?? null) : null;
}

/** One line per setting to give; empty when development defaults apply (NODE_ENV unset, development or test). */
export function secretProblems(settings: SecretSetting[], env: NodeJS.ProcessEnv = process.env): string[] {
  if (developmentDefaultsAllowed(env)) return [];
  const problems: string[] = [];
  for (const setting of settings) {
    const value = env[setting.variable];
    if (!value && !setting.optional) problems.push(`${setting.variable} is not set (${setting.purpose})`);
    else if (value && value === setting.developmentValue) problems.push(`${setting.variable} is the built-in development value (${setting.purpose})`);
  }
  return problems;
}

/** Refuses to go on in production with a missing or development secret, naming every setting at once. */
export function assertSecretsConfigured(settings: SecretSetting[], env: NodeJS.ProcessEnv = process.env): void {
  const problems = secretProblems(settings, env);
  if (problems.length === 0) return;
  throw new Error(
    `NODE_ENV=${env.NODE_ENV} refuses development credentials. Set each of these to a secret of your own ` +
      `(for example: openssl rand -base64 32):\n${problems.map((problem) => `  - ${problem}`).join('\n')}`,
  );
}
