import type { EntityManager } from '@mikro-orm/postgresql';
import { type ColumnSpec } from '../../../platform/ingest/columns';
import { readMappedRows } from '../../../platform/ingest/mapped-rows';
import { rejectRepeatedKeys, type Candidate, type Importer } from '../../../platform/ingest/importer';
import type { ImportProblem } from '../../../platform/ingest/problems';
import { contentHash } from '../../../platform/ingest/provenance';
import { upsertByKey } from '../../../platform/ingest/upsert';
import { parseCalendarDate } from '../../../platform/ingest/values';
import { foldVietnamese, normaliseText } from '../../../platform/identity/normalise';
import { Certification } from '../entities/certification';
import { CertificationScheme } from '../vocabulary';
import { certificationKey } from './epcis/capture';
import { communeOf, findHolders, holderColumns, holderOf, placeColumns, type HolderReference } from './holders';
import { selectWhereAny } from '../../../platform/database/select-where-any';

type CertificateColumn =
  | 'scheme' | 'certificateNumber' | 'issuer' | 'product' | 'validFrom' | 'validUntil' | 'stars' | 'certificationInfo'
  | 'householdId' | 'holderName' | 'phone' | 'commune' | 'district' | 'province';

const COLUMNS: ColumnSpec<CertificateColumn>[] = [
  { key: 'scheme', headers: ['Loại chứng nhận', 'Chứng nhận', 'Tiêu chuẩn', 'Chương trình'], required: true, description: 'VietGAP, GlobalGAP, Hữu cơ (organic), HACCP or OCOP', example: 'OCOP' },
  { key: 'certificateNumber', headers: ['Số giấy chứng nhận', 'Số GCN', 'Số chứng nhận', 'Số hiệu'], required: true, description: 'Number printed on the certificate; a certificate is recognised by it', example: 'OCOP-20-2025-0147' },
  { key: 'issuer', headers: ['Tổ chức chứng nhận', 'Cơ quan cấp', 'Đơn vị cấp', 'Nơi cấp'], required: true, description: 'Certification body, or for OCOP the provincial People\'s Committee', example: 'UBND tỉnh Lạng Sơn' },
  { key: 'product', headers: ['Sản phẩm', 'Tên sản phẩm', 'Sản phẩm được chứng nhận'], required: true, description: 'The certified product as the certificate names it', example: 'Na Chi Lăng' },
  { key: 'validFrom', headers: ['Ngày cấp', 'Hiệu lực từ', 'Có hiệu lực từ'], required: true, description: 'First day of validity, day/month/year', example: '15/09/2025' },
  { key: 'validUntil', headers: ['Ngày hết hạn', 'Hiệu lực đến', 'Có hiệu lực đến'], required: true, description: 'Last day of validity, day/month/year', example: '14/09/2028' },
  { key: 'stars', headers: ['Số sao', 'Hạng sao', 'Xếp hạng'], required: false, description: 'OCOP rating, 3 to 5 stars (OCOP only)', example: '4' },
  { key: 'certificationInfo', headers: ['Đường dẫn tra cứu', 'Link tra cứu', 'URL'], required: false, description: 'Where the certificate can be checked online (the URI EPCIS events cite)', example: 'https://chungnhan.example.vn/ocop/OCOP-20-2025-0147' },
  ...holderColumns(['Chủ thể', 'Tên chủ thể', 'Chủ thể được chứng nhận', 'Tên cơ sở', 'Họ và tên chủ hộ']),
  ...placeColumns(false),
];

const SCHEMES: [CertificationScheme, string[]][] = [
  [CertificationScheme.VIETGAP, ['vietgap']],
  [CertificationScheme.GLOBALGAP, ['globalgap', 'global gap', 'globalg a p']],
  [CertificationScheme.ORGANIC, ['huu co', 'organic', 'tcvn 11041']],
  [CertificationScheme.HACCP, ['haccp']],
  [CertificationScheme.OCOP, ['ocop']],
];

interface CertificateRecord {
  certificateNumber: string;
  scheme: CertificationScheme;
  issuer: string;
  product: string;
  validFrom: string;
  validUntil: string;
  stars: number | null;
  certificationInfo: string | null;
  holder: HolderReference;
}

/**
 * `nongsan import certificates <file>`: the certificates a department or certification body lists (VietGAP,
 * GlobalGAP, organic, HACCP, OCOP stars). A certificate is recognised by its number, so a corrected list updates it,
 * and one first seen in an EPCIS event (`certificationInfo`) gets its scheme, dates and holder.
 */
export const certificatesImporter: Importer<CertificateRecord> = {
  name: 'certificates',
  title: 'Certificates: VietGAP, GlobalGAP, organic, HACCP, OCOP (3-5 stars), with holder, product and validity',
  subgraph: 'traceability',
  formats: 'CSV or XLSX, one certificate per row',
  columns: COLUMNS,
  notes: [
    'The holder is the household ID (Mã hộ); without it, the name with commune (and phone) is looked up in the household registry.',
    'Dates are day/month/year. A certificate already known by its number is updated with the row.',
  ],

  read(file, options) {
    return readMappedRows(file, options, COLUMNS, (cells, { row, columns, problems }) => readCertificate(cells, columns, row, problems));
  },

  async check(_em, candidates, context) {
    rejectRepeatedKeys(candidates, (record) => record.certificateNumber, 'Số giấy chứng nhận', 'certificate number');
    await findHolders(candidates, context, 'Mã hộ');
  },

  async write(em: EntityManager, accepted: Candidate<CertificateRecord>[], context) {
    const records = accepted.map((candidate) => ({ row: candidate.row, record: candidate.record! }));
    // A link to check the certificate online, once known (from an EPCIS event, say), stays when a list has none.
    const known = new Map(
      (await selectWhereAny<Pick<Certification, 'certificateNumber' | 'certificationInfo'>>(em, Certification, ['certificateNumber', 'certificationInfo'], 'certificateNumber', records.map(({ record }) => record.certificateNumber)))
        .map((row) => [row.certificateNumber, row.certificationInfo ?? null]),
    );
    const rows = records.map(({ row, record }) => {
      const fields = {
        certificateNumber: record.certificateNumber,
        scheme: record.scheme,
        issuer: record.issuer,
        product: record.product,
        validFrom: record.validFrom,
        validUntil: record.validUntil,
        stars: record.stars,
        householdId: record.holder.householdId!,
        holderCommuneCode: record.holder.communeCode ?? null,
        certificationInfo: record.certificationInfo ?? known.get(record.certificateNumber) ?? null,
      };
      return {
        id: certificationKey(record.certificateNumber),
        ...fields,
        source: context.source,
        sourceRef: `${context.origin}#row=${row}`,
        importedAt: context.importedAt,
        contentHash: contentHash(fields),
      };
    });
    // A certificate already stored keeps its id (the demo's, or the one its EPCIS citation gave it).
    return upsertByKey(em, Certification, rows, { key: ['certificateNumber'], insertOnly: ['id'] });
  },
};

function readCertificate(cells: Record<CertificateColumn, string>, headers: Map<string, string>, row: number, problems: ImportProblem[]): CertificateRecord | undefined {
  const field = (key: CertificateColumn) => headers.get(key) ?? key;
  const required = (key: CertificateColumn, label: string): string => {
    const value = normaliseText(cells[key]);
    if (!value) problems.push({ row, field: field(key), message: `${label} is empty` });
    return value;
  };

  const schemeText = required('scheme', 'the kind of certificate');
  const scheme = schemeText ? schemeOf(schemeText) : undefined;
  if (schemeText && !scheme) {
    problems.push({ row, field: field('scheme'), value: schemeText, message: `"${schemeText}" is not one of: VietGAP, GlobalGAP, Hữu cơ (organic), HACCP, OCOP` });
  }
  const certificateNumber = required('certificateNumber', 'the certificate number');
  const issuer = required('issuer', 'the issuer');
  const product = required('product', 'the product');
  const validFrom = dateOf(cells.validFrom, field('validFrom'), row, problems);
  const validUntil = dateOf(cells.validUntil, field('validUntil'), row, problems);
  if (validFrom && validUntil && validUntil < validFrom) {
    problems.push({ row, field: field('validUntil'), value: cells.validUntil, message: `the certificate ends (${cells.validUntil}) before it starts (${cells.validFrom})` });
  }

  let stars: number | null = null;
  if (cells.stars) {
    stars = /^[3-5]$/.test(cells.stars.trim()) ? Number(cells.stars.trim()) : null;
    if (stars === null) problems.push({ row, field: field('stars'), value: cells.stars, message: `"${cells.stars}" is not an OCOP rating: 3, 4 or 5 stars` });
    else if (scheme && scheme !== CertificationScheme.OCOP) problems.push({ row, field: field('stars'), value: cells.stars, message: `only OCOP certificates have stars; this one is ${schemeText}` });
  } else if (scheme === CertificationScheme.OCOP) {
    problems.push({ row, field: field('stars'), message: 'an OCOP certificate needs its rating: 3, 4 or 5 stars' });
  }

  let certificationInfo: string | null = null;
  if (cells.certificationInfo) {
    try {
      certificationInfo = new URL(cells.certificationInfo.trim()).toString();
    } catch {
      problems.push({ row, field: field('certificationInfo'), value: cells.certificationInfo, message: `"${cells.certificationInfo}" is not a web address (https://...)` });
    }
  }

  const communeCode = communeOf(cells, headers, row, problems);
  const holder = holderOf(cells, communeCode, headers, row, problems);
  if (problems.length > 0 || !scheme || !validFrom || !validUntil || !holder) return undefined;
  return { certificateNumber, scheme, issuer, product, validFrom, validUntil, stars, certificationInfo, holder };
}

function schemeOf(text: string): CertificationScheme | undefined {
  const folded = foldVietnamese(text);
  return SCHEMES.find(([, names]) => names.some((name) => folded === name || folded.startsWith(`${name} `)))?.[0];
}

function dateOf(text: string, field: string, row: number, problems: ImportProblem[]): string | undefined {
  if (!text.trim()) {
    problems.push({ row, field, message: 'the date is empty' });
    return undefined;
  }
  const parsed = parseCalendarDate(text);
  if ('problem' in parsed) {
    problems.push({ row, field, value: text, message: parsed.problem });
    return undefined;
  }
  return parsed.value;
}
