import { Authorized, Directive, UseMiddleware, type MiddlewareFn } from 'type-graphql';
import type { AccessRule } from './auth-checker';
import type { Viewer } from './roles';

/** Which kind of personal data a field is: the trade role may read contacts only. */
export type PersonalKind = 'contact' | 'identity' | 'address' | 'location';

/** Whose data a row is, as the row predicates need it. */
export interface PersonalOwner {
  householdId?: string | null;
  provinceCode?: string | null;
  /** The platform whose seller this is (shops). */
  platform?: string | null;
  /** The household's consents; absent where the subgraph does not know them (the trade role is then refused). */
  consents?: readonly string[] | null;
}

export const EXPORT_CONTACT_CONSENT = 'PUBLISH_CONTACT_FOR_EXPORT';

/** One read of personal fields, buffered per request and logged in one insert (processing-log.ts). */
export interface PersonalRead {
  householdId: string | null;
  provinceCode: string | null;
  field: string;
}

/**
 * Why `viewer` may not read a personal field of kind `kind` of `owner`, or null. Officials: their province (all,
 * when national); trade: contacts in its province of households that consented to export contact; partners:
 * their own platform's sellers; admin: all; public and journalists: never.
 */
export function personalDenial(viewer: Viewer, owner: PersonalOwner, kind: PersonalKind): string | null {
  switch (viewer.role) {
    case 'admin':
      return null;
    case 'official':
      return inProvince(viewer, owner);
    case 'trade': {
      if (kind !== 'contact') return `The trade role sees names and phone numbers only, not ${kind} data.`;
      const province = inProvince(viewer, owner);
      if (province) return province;
      if (!owner.consents) return 'The trade role sees contacts only of households that consented to export contact, and this record carries no consent.';
      if (!owner.consents.includes(EXPORT_CONTACT_CONSENT)) return `This household has not consented to ${EXPORT_CONTACT_CONSENT}.`;
      return null;
    }
    case 'partner':
      return owner.platform && owner.platform === viewer.platform ? null : `Partners see personal data of their own platform's sellers only (${viewer.platform}).`;
    default:
      return `Personal data is not shown to the ${viewer.role} role.`;
  }
}

function inProvince(viewer: Viewer, owner: PersonalOwner): string | null {
  if (!viewer.provinceCode || viewer.provinceCode === owner.provinceCode) return null;
  return `This credential is for province ${viewer.provinceCode}; the record belongs to province ${owner.provinceCode ?? 'unknown'}.`;
}

interface PersonalContext {
  viewer?: Viewer;
  personalReads?: PersonalRead[];
}

/**
 * Declares a field personal, once, on the entity: readable under the row rule above, null with a FORBIDDEN error
 * otherwise, and every value read noted for the processing log. The field must be nullable.
 */
export function Personal<Root>(kind: PersonalKind, owner: (root: Root) => PersonalOwner): PropertyDecorator & MethodDecorator {
  const rule: AccessRule = { scope: 'personal:read', deniedFor: (viewer, root) => personalDenial(viewer, owner(root as Root), kind) };
  const record: MiddlewareFn<PersonalContext> = async ({ root, info, context }, next) => {
    const value = await next();
    if (value != null) {
      const { householdId, provinceCode } = owner(root as Root);
      context.personalReads?.push({ householdId: householdId ?? null, provinceCode: provinceCode ?? null, field: `${info.parentType.name}.${info.fieldName}` });
    }
    return value;
  };
  return (target: object, key: string | symbol, descriptor?: PropertyDescriptor) => {
    Authorized<AccessRule>(rule)(target, key, descriptor as never);
    UseMiddleware(record)(target, key, descriptor as never);
    Directive(`@personal(kind: "${kind}")`)(target, key, descriptor as never);
  };
}
