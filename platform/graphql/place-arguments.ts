import { GraphQLError } from 'graphql';
import { communesOfProvince, currentProvince } from '../places';

/** Current commune codes of a province argument (undefined for the nation), refusing a code that names no province. */
export function communesOfProvinceArgument(provinceCode: string | null | undefined, argumentName = 'provinceCode'): string[] | undefined {
  if (provinceCode == null) return undefined;
  if (!currentProvince(provinceCode)) {
    throw new GraphQLError(`"${argumentName}" must be a current province code (two digits, e.g. "24"), got "${provinceCode}".`, {
      extensions: { code: 'BAD_USER_INPUT', argumentName },
    });
  }
  return communesOfProvince(provinceCode).map((commune) => commune.code);
}

/** A LIKE pattern matching `text` anywhere, its wildcards taken literally. */
export function containsPattern(text: string): string {
  return `%${text.trim().replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}
