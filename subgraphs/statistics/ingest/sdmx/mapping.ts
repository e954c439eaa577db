import fs from 'node:fs';
import path from 'node:path';
import type { ColumnOverrides, ColumnSpec } from '../../../../platform/ingest/columns';
import { foldVietnamese } from '../../../../platform/identity/normalise';
import { INDICATOR_MEASURES, type IndicatorMeasure, type IndicatorUnit } from '../../vocabulary';

/**
 * How the components of an SDMX message become an indicator observation: which dimension plays which role, and
 * what its codes mean. `DEFAULT_SDMX_MAPPING` fits messages coded as the README describes; a message coded
 * otherwise comes with a mapping file (`<file>.mapping.json` beside it) whose entries are added to the defaults.
 */
export interface SdmxMapping {
  /** Component ids that may play each role, first found wins (e.g. area: REF_AREA or GEO). */
  dimensions: Record<SdmxRole, string[]>;
  /** Area code -> Vietnamese province code or name (old or current); null skips the area (national totals). */
  areas: Record<string, string | null>;
  /** Crop code -> crop name as the series name it ("Vải"); names and the codes of CROP_CODES need no entry. */
  crops: Record<string, string>;
  /** Measure code -> measure; null skips the measure (not stored: yield is derived from production and area). */
  measures: Record<string, IndicatorMeasure | null>;
  /** UNIT_MEASURE code -> the stored unit and the factor into it (KG -> TONNES, 0.001). */
  units: Record<string, { unit: IndicatorUnit; factor: number }>;
  /** Crop and measure of a message that has no such dimension (a dataflow of one crop, one measure). */
  defaults: { crop?: string; measure?: IndicatorMeasure };
  /** The same, per dataflow ("AGENCY:ID", version left out). */
  dataflows: Record<string, { crop?: string; measure?: IndicatorMeasure }>;
  /** Components read and ignored: attributes a CSV message carries that the hub does not store, and harmless dimensions. */
  ignore: string[];
}

export type SdmxRole = 'area' | 'time' | 'crop' | 'measure' | 'value' | 'unit' | 'multiplier' | 'frequency';

/** The roles as "columns" for `--help` and `--columns` (e.g. `{"area": "GEO"}` for a message coding areas as GEO). */
export const SDMX_ROLE_COLUMNS: ColumnSpec<Exclude<SdmxRole, 'frequency'>>[] = [
  { key: 'area', headers: ['REF_AREA', 'GEO', 'AREA', 'PROVINCE'], required: true, description: 'Province: code or name, old (63 provinces) or current (34)', example: '24' },
  { key: 'time', headers: ['TIME_PERIOD', 'TIME'], required: true, description: 'Year (annual series only)', example: '2020' },
  { key: 'crop', headers: ['CROP', 'COMMODITY', 'ITEM', 'PRODUCT'], required: false, description: 'Crop code (LYCHEE, COFFEE, RICE...) or Vietnamese name; _T for all crops', example: 'LYCHEE' },
  { key: 'measure', headers: ['MEASURE', 'INDICATOR', 'STAT_MEASURE', 'SERIES'], required: false, description: 'PRODUCTION (t), AREA (ha) or FARMING_HOUSEHOLDS; YIELD is skipped', example: 'PRODUCTION' },
  { key: 'value', headers: ['OBS_VALUE'], required: true, description: 'The value; empty or NaN when missing', example: '102.5' },
  { key: 'unit', headers: ['UNIT_MEASURE', 'UNIT'], required: false, description: 'Unit: T, KG, TA (tạ), HA, KM2, HH...; the measure\'s own unit when absent', example: 'T' },
  { key: 'multiplier', headers: ['UNIT_MULT'], required: false, description: 'Power of ten the value is in (3 = thousands), 0 to 12', example: '3' },
];

/** Attributes of the SDMX cross-domain concepts: read, and ignored unless they play a role. */
export const KNOWN_ATTRIBUTES = new Set([
  'OBS_STATUS', 'OBS_CONF', 'OBS_PRE_BREAK', 'OBS_COM', 'OBS_COMMENT', 'COMMENT', 'COMMENT_OBS', 'COMMENT_TS', 'DECIMALS',
  'UNIT_MEASURE', 'UNIT_MULT', 'BASE_PER', 'PREF_SCALE', 'TIME_FORMAT', 'TITLE', 'TITLE_COMPL', 'SOURCE', 'SOURCE_DETAIL',
  'EMBARGO_TIME', 'CONTACT_EMAIL', 'SERIES_COMMENT', 'COLLECTION', 'AVAILABILITY', 'COMPILING_ORG', 'DATA_COMP', 'NOTE',
  'UPDATED', 'LAST_UPDATE', 'VALID_FROM', 'VALID_TO', 'CONF_STATUS', 'REF_PERIOD_DETAIL',
]);

export const DEFAULT_SDMX_MAPPING: SdmxMapping = {
  dimensions: {
    ...Object.fromEntries(SDMX_ROLE_COLUMNS.map((spec) => [spec.key, spec.headers])),
    frequency: ['FREQ'],
  } as Record<SdmxRole, string[]>,
  // The hub stores provinces: a national total is skipped rather than refused.
  areas: { VN: null, VNM: null, _T: null, '00': null },
  crops: {},
  measures: {
    PRODUCTION: 'PRODUCTION', PROD: 'PRODUCTION', OUTPUT: 'PRODUCTION', SAN_LUONG: 'PRODUCTION',
    AREA: 'AREA', AREA_HARVESTED: 'AREA', AREA_PLANTED: 'AREA', DIEN_TICH: 'AREA',
    FARMING_HOUSEHOLDS: 'FARMING_HOUSEHOLDS', HOUSEHOLDS: 'FARMING_HOUSEHOLDS', SO_HO: 'FARMING_HOUSEHOLDS',
    // Not additive over merged provinces, and derived by the hub from production and area.
    YIELD: null, NANG_SUAT: null,
  },
  units: {
    T: { unit: 'TONNES', factor: 1 }, TONNE: { unit: 'TONNES', factor: 1 }, TONNES: { unit: 'TONNES', factor: 1 },
    TON: { unit: 'TONNES', factor: 1 }, TONS: { unit: 'TONNES', factor: 1 }, TAN: { unit: 'TONNES', factor: 1 },
    // So spelt by a real statistics office's message (NIS Cambodia, sdmx-json samples).
    TONES: { unit: 'TONNES', factor: 1 },
    KG: { unit: 'TONNES', factor: 0.001 }, TA: { unit: 'TONNES', factor: 0.1 },
    HA: { unit: 'HECTARES', factor: 1 }, HECTARE: { unit: 'HECTARES', factor: 1 }, HECTARES: { unit: 'HECTARES', factor: 1 },
    KM2: { unit: 'HECTARES', factor: 100 }, M2: { unit: 'HECTARES', factor: 0.0001 },
    HH: { unit: 'HOUSEHOLDS', factor: 1 }, HOUSEHOLD: { unit: 'HOUSEHOLDS', factor: 1 }, HOUSEHOLDS: { unit: 'HOUSEHOLDS', factor: 1 },
    HO: { unit: 'HOUSEHOLDS', factor: 1 }, NUMBER: { unit: 'HOUSEHOLDS', factor: 1 },
  },
  defaults: {},
  dataflows: {},
  ignore: [],
};

/** A unit or measure code compared as officials write it: "Tấn", "tan", "TAN" are one code. */
export function codeKey(code: string): string {
  return foldVietnamese(code).toUpperCase().replace(/ /g, '_');
}

/** `agri.json` -> `agri.mapping.json` beside it, the mapping file read when it exists. */
export function mappingFileFor(file: string): string {
  return path.join(path.dirname(file), `${path.basename(file, path.extname(file))}.mapping.json`);
}

/** The defaults with a mapping file's entries added (its dimension lists replace the defaults'), then `--columns`. */
export function effectiveMapping(file: string, options: { mapping?: Partial<SdmxMapping>; columns?: ColumnOverrides } = {}): SdmxMapping {
  const sidecar = mappingFileFor(file);
  const fromFile = options.mapping ?? (fs.existsSync(sidecar) ? readMappingFile(sidecar) : {});
  const mapping: SdmxMapping = {
    dimensions: { ...DEFAULT_SDMX_MAPPING.dimensions, ...fromFile.dimensions },
    areas: { ...DEFAULT_SDMX_MAPPING.areas, ...fromFile.areas },
    crops: { ...DEFAULT_SDMX_MAPPING.crops, ...fromFile.crops },
    measures: { ...DEFAULT_SDMX_MAPPING.measures, ...upperKeys(fromFile.measures ?? {}) },
    units: { ...DEFAULT_SDMX_MAPPING.units, ...upperKeys(fromFile.units ?? {}) },
    defaults: { ...DEFAULT_SDMX_MAPPING.defaults, ...fromFile.defaults },
    dataflows: { ...DEFAULT_SDMX_MAPPING.dataflows, ...fromFile.dataflows },
    ignore: [...DEFAULT_SDMX_MAPPING.ignore, ...(fromFile.ignore ?? [])],
  };
  for (const [role, component] of Object.entries(options.columns ?? {})) mapping.dimensions[role as SdmxRole] = [component];
  return mapping;
}

function upperKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [codeKey(key), value]));
}

const MAPPING_KEYS = ['dimensions', 'areas', 'crops', 'measures', 'units', 'defaults', 'dataflows', 'ignore'];
const MEASURES = Object.keys(INDICATOR_MEASURES);
const UNITS = [...new Set(Object.values(INDICATOR_MEASURES).map((measure) => measure.unit))];

/** Reads and checks a mapping file, naming the file and the entry that is wrong. */
export function readMappingFile(file: string): Partial<SdmxMapping> {
  const name = path.basename(file);
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${name}: not a JSON mapping file (${(error as Error).message})`);
  }
  const fail = (message: string): never => {
    throw new Error(`${name}: ${message}`);
  };
  if (!isObject(parsed)) return fail('expected a JSON object such as {"areas": {"ASIKHM001": "94"}}');
  for (const key of Object.keys(parsed)) if (!MAPPING_KEYS.includes(key)) fail(`"${key}" is not a mapping entry; known: ${MAPPING_KEYS.join(', ')}`);
  const { dimensions, areas, crops, measures, units, defaults, dataflows, ignore } = parsed as Record<string, unknown>;
  if (dimensions !== undefined) {
    if (!isObject(dimensions)) fail('"dimensions" must map a role to component ids, e.g. {"area": ["GEO"]}');
    for (const [role, ids] of Object.entries(dimensions as object)) {
      if (!(role in DEFAULT_SDMX_MAPPING.dimensions)) fail(`"dimensions.${role}" is not a role; roles: ${Object.keys(DEFAULT_SDMX_MAPPING.dimensions).join(', ')}`);
      if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) fail(`"dimensions.${role}" must be a list of component ids`);
    }
  }
  checkRecord(areas, 'areas', (value) => value === null || typeof value === 'string', 'a province code or name, or null to skip the area', fail);
  checkRecord(crops, 'crops', (value) => typeof value === 'string' && value.trim() !== '', 'a crop name', fail);
  checkRecord(measures, 'measures', (value) => value === null || MEASURES.includes(value as string), `one of ${MEASURES.join(', ')}, or null to skip the measure`, fail);
  checkRecord(
    units,
    'units',
    (value) => isObject(value) && UNITS.includes((value as { unit: IndicatorUnit }).unit) && typeof (value as { factor: unknown }).factor === 'number' && (value as { factor: number }).factor > 0,
    `{"unit": ${UNITS.map((unit) => `"${unit}"`).join('|')}, "factor": a positive number}`,
    fail,
  );
  const checkDefaults = (value: unknown, where: string) => {
    if (!isObject(value)) fail(`"${where}" must be an object such as {"crop": "Lúa", "measure": "PRODUCTION"}`);
    const { crop, measure, ...rest } = value as Record<string, unknown>;
    if (Object.keys(rest).length) fail(`"${where}" may only give "crop" and "measure"`);
    if (crop !== undefined && typeof crop !== 'string') fail(`"${where}.crop" must be a crop name`);
    if (measure !== undefined && !MEASURES.includes(measure as string)) fail(`"${where}.measure" must be one of ${MEASURES.join(', ')}`);
  };
  if (defaults !== undefined) checkDefaults(defaults, 'defaults');
  if (dataflows !== undefined) {
    if (!isObject(dataflows)) fail('"dataflows" must map a dataflow ("AGENCY:ID") to its crop and measure');
    for (const [flow, value] of Object.entries(dataflows as object)) checkDefaults(value, `dataflows.${flow}`);
  }
  if (ignore !== undefined && (!Array.isArray(ignore) || !ignore.every((id) => typeof id === 'string'))) fail('"ignore" must be a list of component ids');
  return parsed as Partial<SdmxMapping>;
}

function checkRecord(value: unknown, entry: string, valid: (value: unknown) => boolean, expected: string, fail: (message: string) => never): void {
  if (value === undefined) return;
  if (!isObject(value)) fail(`"${entry}" must be an object of code -> ${expected}`);
  for (const [code, target] of Object.entries(value as object)) if (!valid(target)) fail(`"${entry}.${code}" must be ${expected}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
