import { GraphQLError } from 'graphql';
import { isAssignedCountryCode } from '../../platform/places/countries';
import { CertificationScheme } from './vocabulary';

/*
 * Which certificate schemes an importing market accepts as evidence of good practice, for the export view. This is
 * the hub's working assumption, not a legal list: GlobalGAP is the scheme retail buyers abroad ask for everywhere;
 * organic certificates count where the market runs an organic programme the exporter can be recognised under;
 * China's customs also take VietGAP for fruit from registered areas (the protocols of 2019-2024). Edit here when the
 * trade department says otherwise: every query of the export view reads this table and nothing else.
 */
const ANY_MARKET: readonly CertificationScheme[] = [CertificationScheme.GLOBALGAP];

export const MARKET_CERTIFICATE_SCHEMES: Readonly<Record<string, readonly CertificationScheme[]>> = Object.freeze({
  CN: [CertificationScheme.GLOBALGAP, CertificationScheme.VIETGAP, CertificationScheme.ORGANIC],
  US: [CertificationScheme.GLOBALGAP, CertificationScheme.ORGANIC],
  JP: [CertificationScheme.GLOBALGAP, CertificationScheme.ORGANIC],
  KR: [CertificationScheme.GLOBALGAP, CertificationScheme.ORGANIC],
  AU: [CertificationScheme.GLOBALGAP, CertificationScheme.ORGANIC],
  IN: [CertificationScheme.GLOBALGAP, CertificationScheme.ORGANIC],
  DE: [CertificationScheme.GLOBALGAP, CertificationScheme.ORGANIC],
  FR: [CertificationScheme.GLOBALGAP, CertificationScheme.ORGANIC],
  NL: [CertificationScheme.GLOBALGAP, CertificationScheme.ORGANIC],
});

/** The schemes `market` accepts; GlobalGAP only for a market the table does not name. */
export function acceptedSchemes(market: string): readonly CertificationScheme[] {
  return MARKET_CERTIFICATE_SCHEMES[market] ?? ANY_MARKET;
}

/** Checks a market argument: an ISO 3166-1 alpha-2 code other than Vietnam's own. */
export function marketArgument(value: string, argumentName = 'market'): string {
  const market = value.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(market) || !isAssignedCountryCode(market) || market === 'VN') {
    throw new GraphQLError(`"${argumentName}" must be the ISO 3166-1 alpha-2 code of a foreign country (CN, US, JP...), got "${value}".`, {
      extensions: { code: 'BAD_USER_INPUT', argumentName },
    });
  }
  return market;
}
