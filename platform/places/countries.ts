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
