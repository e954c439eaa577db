import { communesOfProvince, currentCommune } from '../places';
import { forbidden } from './auth-checker';
import type { Viewer } from './roles';

/**
 * The province a viewer's work is limited to, for the review lists and settlements (whose role the resolver's
 * `@Authorized` already checked): a provincial official's province; none for a national official or an admin.
 */
export function provinceOfWork(viewer: Viewer): string | undefined {
  return viewer.role === 'admin' ? undefined : viewer.provinceCode;
}

/** The current commune codes of the viewer's province, for tables that store communes only; undefined when national. */
export function communesOfWork(viewer: Viewer): string[] | undefined {
  const province = provinceOfWork(viewer);
  return province ? communesOfProvince(province).map((commune) => commune.code) : undefined;
}

/** Refuses the whole request when a record it writes lies outside the viewer's province: nothing is written. */
export function refuseOutsideProvince<Row>(viewer: Viewer, rows: Row[], provinceOf: (row: Row) => string | null | undefined, label: (row: Row) => string): void {
  const province = provinceOfWork(viewer);
  if (!province) return;
  const outside = rows.filter((row) => provinceOf(row) !== province);
  if (outside.length) {
    const named = `${outside.slice(0, 5).map(label).join(', ')}${outside.length > 5 ? ` and ${outside.length - 5} more` : ''}`;
    throw forbidden(`This credential is for province ${province}; ${named} ${outside.length === 1 ? 'is' : 'are'} outside it. Nothing was changed.`);
  }
}

/**
 * Refuses writes for report scopes ("VN", a province or a commune code) outside the viewer's province: a provincial
 * official writes for the province and its communes, the nation's figures only national officials and admins.
 */
export function refuseOutsideScopes(viewer: Viewer, scopes: string[], what: string): void {
  refuseOutsideProvince(viewer, scopes.filter((scope) => scope !== 'VN'), (scope) => (scope.length === 2 ? scope : currentCommune(scope)?.provinceCode), (scope) => `scope ${scope}`);
  const province = provinceOfWork(viewer);
  if (province && scopes.includes('VN')) {
    throw forbidden(`This credential is for province ${province}; national ${what} ("VN") are set by national officials. Nothing was changed.`);
  }
}
