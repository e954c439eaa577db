/**
 * The programme indicators (Annex I of the 2021 provincial plans, as the weekly/monthly forms of Annex II/III word
 * them), defined once: the subgraph that owns each fact computes its rows from these entries; docs/indicators.md
 * is the same table in prose. Labels are the forms' Vietnamese; `target` is the plan's default, as officials set it.
 */
export type IndicatorOwner = 'registry' | 'marketplace' | 'traceability';

/**
 * What a percentage target is a share of: a statistics office series of the scope and year (the statistics subgraph
 * reads it), another row's cumulative figure (products listed, households on the marketplaces), or nothing the hub
 * holds (then only an absolute target gives a completion).
 */
export type Denominator =
  | { source: 'statistics'; measure: 'FARMING_HOUSEHOLDS' | 'PRODUCTION'; label: string }
  | { source: 'row'; code: string; label: string }
  | { source: 'none'; label: string };

export type IndicatorTarget = { percent: number; of: Denominator } | { absolute: number };

const FARMING_HOUSEHOLDS: Denominator = { source: 'statistics', measure: 'FARMING_HOUSEHOLDS', label: 'farming households (hộ SXNN), statistics office series' };

export interface IndicatorDefinition {
  code: string;
  /** Annex I's groups, or 'A': a province's addition (reported, but not a row of the Annex II/III forms). */
  group: 'I' | 'II' | 'III' | 'A';
  labelVi: string;
  labelEn: string;
  unit: string;
  owner: IndicatorOwner;
  /** How "achieved in the period" is counted, for the row's note and the docs. */
  counts: string;
  /** The plan's target: a share of a named denominator, or an absolute number; officials may set another per scope and year. */
  target: IndicatorTarget;
  /** Counts of households/products: shown as null below 5 to the public (suppressSmallCount). Tonnes and places are not. */
  smallCountsSuppressed: boolean;
}

/** The groups of the official forms (Annex I-III); the provinces' additions (group 'A') are not among them. */
export const INDICATOR_GROUPS: Record<Exclude<IndicatorDefinition['group'], 'A'>, { labelVi: string; labelEn: string }> = {
  I: { labelVi: 'Chỉ tiêu hỗ trợ đưa hộ SXNN lên sàn TMĐT', labelEn: 'Households onto the marketplaces' },
  II: { labelVi: 'Chỉ tiêu hỗ trợ đẩy mạnh tiêu thụ sản phẩm nông nghiệp', labelEn: 'Sales of farm produce' },
  III: { labelVi: 'Hỗ trợ cung cấp thông tin, nguyên liệu đầu vào phục vụ sản xuất, kinh doanh', labelEn: 'Information and farm inputs' },
};

export const INDICATORS: IndicatorDefinition[] = [
  {
    code: 'I.1', group: 'I', owner: 'registry', unit: 'Hộ', smallCountsSuppressed: true,
    labelVi: 'Số hộ được đào tạo, tập huấn về kỹ năng số và kỹ năng hoạt động trên không gian mạng',
    labelEn: 'Households trained in digital skills',
    counts: 'Households whose first digital-skills training was completed in the period (training.completed_on).',
    target: { percent: 70, of: FARMING_HOUSEHOLDS },
  },
  {
    code: 'I.2', group: 'I', owner: 'registry', unit: 'Hộ', smallCountsSuppressed: true,
    labelVi: 'Số hộ SXNN được đào tạo, tập huấn, hướng dẫn thực hiện quy trình đóng gói - kết nối - giao nhận',
    labelEn: 'Households trained in packing, connecting and delivery',
    counts: 'Households whose first packing-and-delivery training was completed in the period.',
    target: { percent: 60, of: FARMING_HOUSEHOLDS },
  },
  {
    code: 'I.3', group: 'I', owner: 'marketplace', unit: 'Hộ', smallCountsSuppressed: true,
    labelVi: 'Số hộ SXNN có tài khoản bán hàng/gian hàng trên sàn',
    labelEn: 'Households with a shop on a marketplace',
    counts: 'Registry households whose first linked shop opened in the period (shop.opened_at).',
    target: { percent: 100, of: FARMING_HOUSEHOLDS },
  },
  {
    code: 'I.4', group: 'I', owner: 'registry', unit: 'Hộ', smallCountsSuppressed: true,
    labelVi: 'Số hộ SXNN có tài khoản thanh toán điện tử',
    labelEn: 'Households with an e-payment account',
    counts: 'Households whose e-payment account was opened in the period (household.payment_account_opened_on).',
    target: { percent: 50, of: FARMING_HOUSEHOLDS },
  },
  {
    code: 'II.1', group: 'II', owner: 'marketplace', unit: 'Sản phẩm/ loại', smallCountsSuppressed: false,
    labelVi: 'Số/loại sản phẩm được quảng bá, giới thiệu trên sàn',
    labelEn: 'Products promoted on the marketplaces',
    counts: 'Produce listings (not farm inputs) created in the period by shops of the scope.',
    target: { percent: 10, of: { source: 'none', label: 'product types of the province (not held by the hub: set an absolute target)' } },
  },
  {
    code: 'II.2', group: 'II', owner: 'marketplace', unit: 'Tấn', smallCountsSuppressed: false,
    labelVi: 'Sản lượng nông sản tiêu thụ qua sàn',
    labelEn: 'Tonnes of produce sold via the marketplaces',
    counts: 'Tonnes of delivered orders of produce (never farm inputs, never cancelled or undelivered orders), by delivery day, sold by shops of the scope.',
    target: { percent: 10, of: { source: 'statistics', measure: 'PRODUCTION', label: 'farm output in tonnes, statistics office series' } },
  },
  {
    code: 'II.3', group: 'II', owner: 'marketplace', unit: 'Sản phẩm', smallCountsSuppressed: false,
    labelVi: 'Số sản phẩm nông nghiệp được gắn mark thương hiệu trên sàn',
    labelEn: 'Products with a brand mark',
    counts: 'Produce listings whose brand mark was first seen in the period (listing.brand_mark_since).',
    target: { percent: 10, of: { source: 'row', code: 'II.1', label: 'products listed (II.1 cumulative)' } },
  },
  {
    code: 'II.4', group: 'II', owner: 'marketplace', unit: 'Hộ', smallCountsSuppressed: true,
    labelVi: 'Số hộ SXNN được gắn mark thương hiệu trên sàn',
    labelEn: 'Households with a brand mark',
    counts: 'Households whose first brand-marked shop got its mark in the period (shop.brand_mark_since).',
    target: { percent: 20, of: { source: 'row', code: 'I.3', label: 'households on the marketplaces (I.3 cumulative)' } },
  },
  {
    code: 'II.5', group: 'II', owner: 'traceability', unit: 'Sản phẩm/hộ', smallCountsSuppressed: false,
    labelVi: 'Số sản phẩm nông sản và/hoặc hộ SXNN có công cụ truy xuất nguồn gốc trên sàn',
    labelEn: 'Products with traceability',
    counts: 'Listings whose first traceable lot (with a QR trace code) was harvested in the period.',
    target: { percent: 10, of: { source: 'row', code: 'II.1', label: 'products listed (II.1 cumulative)' } },
  },
  {
    code: 'II.6', group: 'II', owner: 'marketplace', unit: 'tỉnh/thành phố', smallCountsSuppressed: false,
    labelVi: 'Số thị trường trong nước (tỉnh/thành phố) đã tiêu thụ',
    labelEn: 'Domestic provinces reached',
    counts: 'Distinct current provinces (34 since July 2025) that received delivered produce in the period; cumulative: since the start of data.',
    target: { absolute: 30 },
  },
  {
    code: 'II.7', group: 'II', owner: 'marketplace', unit: 'Quốc gia', smallCountsSuppressed: false,
    labelVi: 'Số thị trường nước ngoài (quốc gia) đã tiêu thụ',
    labelEn: 'Foreign countries reached',
    counts: 'Distinct countries other than Vietnam that received delivered produce in the period.',
    target: { absolute: 5 },
  },
  {
    code: 'III.1', group: 'III', owner: 'registry', unit: 'Bài viết', smallCountsSuppressed: false,
    labelVi: 'Số hạng mục thông tin (số liệu, thông tin) được cung cấp qua sàn/apps di động đến các hộ SXNN',
    labelEn: 'Information items delivered to households',
    counts: 'Items of the information register (registry.information_item) first published in the period by the scope or a place within it.',
    target: { percent: 100, of: { source: 'none', label: 'all information items the locality provides (not held by the hub: set an absolute target)' } },
  },
  {
    code: 'III.2', group: 'III', owner: 'registry', unit: 'Lần/tuần', smallCountsSuppressed: false,
    labelVi: 'Tần suất cập nhật thông tin (số liệu, thông tin) được cung cấp qua sàn/apps di động đến các hộ SXNN',
    labelEn: 'Update frequency of the information items',
    counts: 'Updates per week: item-days published or updated in the period × 7 / the period\'s days; cumulative: from the scope\'s first publication to the end of the period.',
    target: { absolute: 1 },
  },
  {
    code: 'III.3', group: 'III', owner: 'marketplace', unit: 'Sản phẩm', smallCountsSuppressed: false,
    labelVi: 'Số hàng hóa, sản phẩm đầu vào, phục vụ hoạt động sản xuất kinh doanh của hộ SXNN được giới thiệu, cung cấp trên sàn',
    labelEn: 'Farm-input goods listed',
    counts: 'Farm-input listings created in the period by shops of the scope.',
    target: { percent: 20, of: { source: 'none', label: 'farm-input goods on the market (not held by the hub: set an absolute target)' } },
  },
  {
    code: 'III.4', group: 'III', owner: 'marketplace', unit: 'Hộ', smallCountsSuppressed: true,
    labelVi: 'Số hộ SXNN đặt mua hàng hóa, sản phẩm đầu vào, phục vụ hoạt động sản xuất kinh doanh qua sàn TMĐT',
    labelEn: 'Households ordering farm inputs online',
    counts: 'Distinct registry households that ordered farm inputs (not cancelled) in the period, delivered into the scope.',
    target: { percent: 5, of: FARMING_HOUSEHOLDS },
  },
  {
    code: 'III.5', group: 'III', owner: 'marketplace', unit: 'Sản phẩm', smallCountsSuppressed: false,
    labelVi: 'Số loại hàng hóa, sản phẩm đầu vào (phục vụ hoạt động sản xuất kinh doanh của hộ SXNN) có chính sách giảm giá, khuyến mại hoặc ưu đãi khác đặc thù hơn cho hộ SXNN khi mua qua sàn TMĐT so với mua ngoài thị trường',
    labelEn: 'Farm-input goods with a household discount',
    counts: 'Farm-input listings with a household discount, created in the period.',
    target: { percent: 100, of: { source: 'row', code: 'III.3', label: 'farm-input goods listed (III.3 cumulative)' } },
  },
  {
    code: 'A.1', group: 'A', owner: 'traceability', unit: '%', smallCountsSuppressed: false,
    labelVi: 'Tỉ lệ sản phẩm OCOP từ 3 sao trở lên được đưa lên sàn TMĐT',
    labelEn: 'OCOP products of 3 stars or more listed online (Nghệ An)',
    counts: 'OCOP 3+ certificates valid on the period\'s last day that cover a marketplace listing, as a % of all of them, placed by the holder\'s commune; cumulative: the same level (a share, not a sum). Listing links carry no date: a certificate counts as listed when it covers a listing now.',
    target: { absolute: 100 },
  },
  {
    code: 'A.2', group: 'A', owner: 'registry', unit: 'Hộ', smallCountsSuppressed: true,
    labelVi: 'Số hộ SXNN có hồ sơ số được chuẩn hóa',
    labelEn: 'Households with standardised digital records',
    counts: 'Households whose registry record became standard in the period (household.record_standardised_on): the head\'s name, a current commune of the province, at least one production group, a phone, and a 12-digit CCCD or, for business households, cooperatives and groups, a registration code. A record that stops being standard is no longer counted.',
    target: { percent: 100, of: FARMING_HOUSEHOLDS },
  },
];

export function indicator(code: string): IndicatorDefinition {
  const found = INDICATORS.find((definition) => definition.code === code);
  if (!found) throw new Error(`No indicator ${code} in platform/indicators/definitions.ts`);
  return found;
}

export const indicatorsOf = (owner: IndicatorOwner): IndicatorDefinition[] => INDICATORS.filter((definition) => definition.owner === owner);
