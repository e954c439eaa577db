import { GraphQLError } from 'graphql';

/** Where a report counts: the nation ("VN"), a province (its 2-digit code) or a commune (its 5-digit code). */
export interface ReportScope {
  id: string;
  kind: 'nation' | 'province' | 'commune';
  provinceCode: string | null;
  communeCode: string | null;
}

export const NATION_SCOPE = 'VN';

export function parseReportScope(text: string, argumentName = 'scope'): ReportScope {
  const id = text.trim().toUpperCase();
  if (id === NATION_SCOPE) return { id, kind: 'nation', provinceCode: null, communeCode: null };
  if (/^\d{2}$/.test(id)) return { id, kind: 'province', provinceCode: id, communeCode: null };
  if (/^\d{5}$/.test(id)) return { id, kind: 'commune', provinceCode: null, communeCode: id };
  throw new GraphQLError(`Scope "${text}" is not "VN", a province code (2 digits, e.g. "24") or a commune code (5 digits, e.g. "07582").`, {
    extensions: { code: 'BAD_USER_INPUT', argumentName },
  });
}
