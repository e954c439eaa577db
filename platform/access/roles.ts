/**
 * Who may do what, in one place: the roles of DESIGN.md ("Who may see what") and the scopes each role holds.
 * Guards name scopes (`requires('links:settle')`, `@Personal(...)`); this table decides which roles hold them.
 */

export const ROLES = ['public', 'journalist', 'partner', 'trade', 'official', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export type Scope =
  /** Personal fields, further narrowed per row (province, consent, platform): see personal.ts. */
  | 'personal:read'
  /** The review lists of uncertain links, with masked evidence. */
  | 'links:review'
  /** Settling links (every mutation of the graph today). */
  | 'links:settle'
  /** The processing log of personal-data reads. */
  | 'processing-log:read'
  /** Indicator reports (the reports branch builds them). */
  | 'reports:read'
  /** Setting the indicators' targets (officials of their province; national officials and admins for any scope). */
  | 'targets:write'
  /** Recording the register of information items published to households (III.1, III.2), same reach as targets. */
  | 'information:write'
  /** EPCIS capture, limited to the GTINs and locations registered to the source (a partner key naming it). */
  | 'epcis:capture';

export const ROLE_SCOPES: Readonly<Record<Role, readonly Scope[]>> = Object.freeze({
  public: [],
  journalist: [],
  partner: ['personal:read', 'epcis:capture'],
  trade: ['personal:read', 'reports:read'],
  official: ['personal:read', 'links:review', 'links:settle', 'processing-log:read', 'reports:read', 'targets:write', 'information:write'],
  admin: ['personal:read', 'links:review', 'links:settle', 'processing-log:read', 'reports:read', 'targets:write', 'information:write'],
});

/** What a role is scoped to: a province for trade and officials (none = national), a platform for partners. */
export const ROLE_SCOPE_KIND: Readonly<Record<Role, 'province' | 'platform' | 'none'>> = Object.freeze({
  public: 'none',
  journalist: 'none',
  partner: 'platform',
  trade: 'province',
  official: 'province',
  admin: 'none',
});

/** The caller of one request, as the gateway verified it; subgraphs receive it signed (identity-header.ts). */
export interface Viewer {
  /** `key:<id>` for an API key, `jwt:<sub>` for a token, `anonymous` for none. */
  subject: string;
  role: Role;
  /** The province (two-digit code) a trade officer or official works for; absent for a national official. */
  provinceCode?: string;
  /** The platform (POSTMART, VOSO...) a partner is. */
  platform?: string;
  scopes: string[];
}

export const PUBLIC_VIEWER: Viewer = Object.freeze({ subject: 'anonymous', role: 'public', scopes: [] }) as Viewer;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** A viewer of `role`, its scopes from the table; `scope` is a province code or a platform by the role's kind. */
export function viewerOf(subject: string, role: Role, scope?: string | null): Viewer {
  const kind = ROLE_SCOPE_KIND[role];
  if (kind === 'platform' && !scope) throw new Error(`A ${role} credential needs a platform (POSTMART, VOSO...).`);
  if (kind === 'province' && scope && !/^\d{2}$/.test(scope)) {
    throw new Error(`The scope of a ${role} credential is a two-digit province code (or none for national), not "${scope}".`);
  }
  return {
    subject,
    role,
    ...(kind === 'province' && scope ? { provinceCode: scope } : {}),
    ...(kind === 'platform' && scope ? { platform: scope } : {}),
    scopes: [...ROLE_SCOPES[role]],
  };
}

export function hasScope(viewer: Viewer, scope: Scope): boolean {
  return viewer.scopes.includes(scope);
}
