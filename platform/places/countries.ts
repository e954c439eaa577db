import { foldVietnamese } from '../identity/normalise';

/**
 * Countries as export documents and growing-area registers name them: ISO 3166-1 alpha-2 codes, Vietnamese or
 * English names. The markets Vietnamese produce is exported to, not the whole list.
 */
const COUNTRIES: [code: string, names: string[]][] = [
  ['VN', ['Việt Nam', 'Vietnam']],
  ['CN', ['Trung Quốc', 'China', 'TQ']],
  ['US', ['Hoa Kỳ', 'Mỹ', 'United States', 'USA', 'Hoa Ky']],
  ['KR', ['Hàn Quốc', 'Korea', 'South Korea']],
  ['JP', ['Nhật Bản', 'Nhật', 'Japan']],
  ['AU', ['Úc', 'Australia', 'Ôxtrâylia']],
  ['NZ', ['New Zealand', 'Niu Di-lân']],
  ['IN', ['Ấn Độ', 'India']],
  ['TH', ['Thái Lan', 'Thailand']],
  ['SG', ['Singapore', 'Xingapo']],
  ['MY', ['Malaysia', 'Ma-lai-xi-a']],
  ['ID', ['Indonesia', 'In-đô-nê-xi-a']],
  ['PH', ['Philippines', 'Phi-líp-pin']],
  ['TW', ['Đài Loan', 'Taiwan']],
  ['HK', ['Hồng Kông', 'Hong Kong']],
  ['CA', ['Canada', 'Ca-na-đa']],
  ['GB', ['Anh', 'Vương quốc Anh', 'United Kingdom', 'UK']],
  ['DE', ['Đức', 'Germany']],
  ['FR', ['Pháp', 'France']],
  ['NL', ['Hà Lan', 'Netherlands']],
  ['IT', ['Ý', 'Italia', 'Italy']],
  ['RU', ['Nga', 'Russia']],
  ['AE', ['UAE', 'Các Tiểu vương quốc Ả Rập Thống nhất', 'United Arab Emirates']],
  ['CL', ['Chile', 'Chi-lê']],
];

const BY_NAME = new Map<string, string>(COUNTRIES.flatMap(([code, names]) => [[code.toLowerCase(), code], ...names.map((name) => [foldVietnamese(name), code] as [string, string])]));

/** The ISO 3166-1 alpha-2 code of a country written as a code or a name, or undefined. */
export function resolveCountry(text: string): string | undefined {
  return BY_NAME.get(foldVietnamese(text));
}

/** Every code ISO 3166-1 assigns (249), so that a typing slip ("XX", "VM") is refused instead of becoming a market. */
const ASSIGNED_CODES = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL ' +
    'CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU ' +
    'GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC ' +
    'MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT ' +
    'PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA ' +
    'UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
  ).split(' '),
);

/** Whether a two-letter code is one ISO 3166-1 assigns to a country or territory. */
export function isAssignedCountryCode(code: string): boolean {
  return ASSIGNED_CODES.has(code);
}
