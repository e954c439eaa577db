/*
 * The official forms by kind, apart from the layout (official-form.ts) so that the command line can name them
 * without loading the spreadsheet writer. The plans have no quarterly or annual annex: those reports take Phụ lục
 * III's layout with their own title and period word (our assumption, docs/reports.md).
 */

/**
 * What differs between the forms, and nothing else: the layout (official-form.ts) is shared. `parameter` is the query parameter
 * (and CLI option) naming the period, `word` the period in the column headers ("trong tháng", "so với tháng trước").
 */
export const FORMS = {
  weekly: {
    annex: 'Phụ lục II', title: 'MẪU BÁO CÁO TUẦN', due: '(Trước 09h00 thứ 5 hàng tuần)', word: 'tuần', sheet: 'Báo cáo tuần', slug: 'tuan',
    parameter: { name: 'week', pattern: /^\d{4}-W\d{2}$/, example: '2026-W23' },
  },
  monthly: {
    annex: 'Phụ lục III', title: 'MẪU BÁO CÁO THÁNG', due: '(Trước 9h00 ngày 25 hàng tháng)', word: 'tháng', sheet: 'Báo cáo tháng', slug: 'thang',
    parameter: { name: 'month', pattern: /^\d{4}-\d{2}$/, example: '2026-06' },
  },
  quarterly: {
    annex: 'Theo bố cục Phụ lục III', title: 'MẪU BÁO CÁO QUÝ', due: '(Báo cáo quý)', word: 'quý', sheet: 'Báo cáo quý', slug: 'quy',
    parameter: { name: 'quarter', pattern: /^\d{4}-Q[1-4]$/, example: '2026-Q2' },
  },
  annual: {
    annex: 'Theo bố cục Phụ lục III', title: 'MẪU BÁO CÁO NĂM', due: '(Báo cáo năm)', word: 'năm', sheet: 'Báo cáo năm', slug: 'nam',
    parameter: { name: 'year', pattern: /^\d{4}$/, example: '2026' },
  },
} as const;

export type FormKind = keyof typeof FORMS;
export const FORM_KINDS = Object.keys(FORMS) as FormKind[];
