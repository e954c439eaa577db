import path from 'node:path';
import type { Candidate } from '../../../../platform/ingest/importer';
import { ImportRejected, type ImportProblem } from '../../../../platform/ingest/problems';
import { numberProblem } from '../../../../platform/ingest/values';
import { foldVietnamese } from '../../../../platform/identity/normalise';
import { cropByCodeOrName, CROP_CODES, INDICATOR_MEASURES, type IndicatorMeasure } from '../../vocabulary';
import { resolveProvince } from '../../../../platform/places';
import { codeKey, KNOWN_ATTRIBUTES, mappingFileFor, type SdmxMapping, type SdmxRole } from './mapping';
import type { SdmxMessage, SdmxObservation } from './message';

/** One observation of a message, read as the hub stores it: a value of one measure, in the measure's unit. */
export interface IndicatorValue {
  /** Current province (after the 1 July 2025 merger). */
  provinceCode: string;
  crop: string;
  year: number;
  measure: IndicatorMeasure;
  value: number;
  /** The area as the message wrote it (an old province's code, say). */
  area: string;
  /** Where in the message: "row=5" or "obs=0:1:2". */
  ref: string;
}

/** A candidate with what interpretation needs to know of it afterwards. */
type InterpretedCandidate = Candidate<IndicatorValue> & {
  /** Observations not stored on purpose (missing values, skipped areas and measures). */
  skipped?: boolean;
  /** "province|crop|year|measure" of the stored value it adds to, when it got that far. */
  target?: string;
  area?: string;
};

const MISSING_VALUES = new Set(['', 'NaN', 'NAN', 'nan', 'NA', '..', '-']);
/** Codes of a dimension that says "all" or "not applicable": such a dimension splits nothing and may be ignored. */
const TOTAL_CODES = new Set(['_T', '_Z', '']);
const ACTIONS = new Set(['I', 'A', 'R', 'M']);
const STRUCTURE_TYPES = new Set(['dataflow', 'datastructure', 'dataprovision']);
const MAX_UNIT_MULT = 12;
/** Far above any nation's output (t), area (ha) or households: past it a value is a slip (1e300), not a statistic. */
const MAX_INDICATOR_VALUE = 1e12;

/**
 * Turns a message's observations into values to store, one candidate per observation. What is wrong with the
 * message as a whole (a dimension the hub cannot store, no crop or measure) rejects it at once; what is wrong with
 * one observation (its area, year, value, unit...) is that observation's problem. Observations of old provinces
 * that merged into one are summed later (see write): all of a merged province's observations are refused when one
 * of them is, since the sum would be incomplete.
 */
export function interpretMessage(file: string, message: SdmxMessage, mapping: SdmxMapping): Candidate<IndicatorValue>[] {
  const origin = path.basename(file);
  const mappingFile = path.basename(mappingFileFor(file));
  const isCsv = message.format !== 'SDMX-JSON';
  const roleId = (role: SdmxRole): string | undefined => mapping.dimensions[role].find((id) => message.components.includes(id));
  const roles = {
    area: roleId('area'), time: roleId('time'), crop: roleId('crop'), measure: roleId('measure'),
    unit: roleId('unit'), multiplier: roleId('multiplier'), frequency: roleId('frequency'),
  };

  const structural: ImportProblem[] = [];
  // CSV: the header row and column; JSON has neither, and each message names its component.
  const where = (id: string): Pick<ImportProblem, 'row' | 'field'> => (isCsv ? { row: 1, field: id } : {});
  if (!roles.area) structural.push({ ...(isCsv ? { row: 1 } : {}), message: `the message has no area dimension (one of ${mapping.dimensions.area.join(', ')}); name it in ${mappingFile} ("dimensions": {"area": ["..."]})` });
  if (!roles.time) structural.push({ ...(isCsv ? { row: 1 } : {}), message: `the message has no time dimension (one of ${mapping.dimensions.time.join(', ')})` });
  if (isCsv && !message.valueComponent) structural.push({ row: 1, message: `the message has no value column (${mapping.dimensions.value.join(', ')})` });

  // A component that plays no role is harmless if it is an attribute, or a dimension that only says "total".
  const used = new Set(Object.values(roles).filter((id): id is string => id !== undefined));
  const ignored = new Set(mapping.ignore);
  const declaredAttributes = new Set(message.attributes ?? []);
  const candidatesForDimension = message.dimensions ?? message.components.filter((id) => !KNOWN_ATTRIBUTES.has(id) && !declaredAttributes.has(id));
  for (const id of candidatesForDimension) {
    if (used.has(id) || ignored.has(id)) continue;
    const codes = [...new Set(message.observations.map((observation) => observation.components[id] ?? ''))];
    if (codes.every((code) => TOTAL_CODES.has(code))) continue;
    structural.push({
      ...where(id),
      message:
        `${id} is a dimension the hub does not store (it stores area, year, crop and measure): its values (${codes.slice(0, 5).join(', ')}${codes.length > 5 ? ', ...' : ''}) ` +
        `would mix different series. Remove it, or list it under "ignore" in ${mappingFile} if it does not matter`,
    });
  }

  const flowKey = (observation: SdmxObservation) => observation.structure?.replace(/\(.*\)$/, '') ?? '';
  const defaultOf = <Role extends 'crop' | 'measure'>(observation: SdmxObservation, role: Role): SdmxMapping['defaults'][Role] =>
    mapping.dataflows[flowKey(observation)]?.[role] ?? mapping.defaults[role];
  for (const role of ['crop', 'measure'] as const) {
    if (roles[role]) continue;
    const lacking = [...new Set(message.observations.filter((observation) => !defaultOf(observation, role)).map(flowKey))];
    if (lacking.length) {
      structural.push({
        ...(isCsv ? { row: 1 } : {}),
        message:
          `the message has no ${role} dimension (one of ${mapping.dimensions[role].join(', ')}) and no ${role} is given for dataflow ${lacking.map((flow) => flow || '(none)').join(', ')}: ` +
          `add {"dataflows": {"${lacking[0] || 'AGENCY:ID'}": {"${role}": "..."}}} to ${mappingFile}`,
      });
    }
  }

  const candidates = message.observations.map((observation, index) => interpretObservation(observation, index));
  if (structural.length) {
    // The areas that could not be mapped are said too, so one round of fixes is enough.
    const unmapped = new Map<string, number>();
    for (const candidate of candidates) {
      const problem = candidate.problems.find((found) => found.field === roles.area);
      if (problem?.value !== undefined) unmapped.set(problem.value, (unmapped.get(problem.value) ?? 0) + 1);
    }
    for (const [area, count] of unmapped) {
      structural.push({ ...where(roles.area!), value: area, message: `area ${area} is not a Vietnamese province, old (63) or current (34), in ${count} observation${count === 1 ? '' : 's'}; map it in ${mappingFile} ("areas": {"${area.split(' ')[0]}": "<province code>"}, or null to skip it)` });
    }
    throw new ImportRejected(origin, structural);
  }
  // Short sums first: a repeated observation is refused on its own, its area's sum is not short for it.
  rejectIncompleteSums(candidates);
  rejectRepeatedObservations(candidates);
  return candidates.filter((candidate) => !candidate.skipped).map(({ skipped: _skipped, target: _target, area: _area, ...candidate }) => candidate);

  function interpretObservation(observation: SdmxObservation, index: number): InterpretedCandidate {
    const problems: ImportProblem[] = [];
    const locator: Pick<ImportProblem, 'row' | 'observation'> = isCsv
      ? { row: observation.row }
      : { observation: `${observation.key} (${[roles.area, roles.crop, roles.measure, roles.time].filter(Boolean).map((id) => `${id}=${observation.components[id!] ?? ''}`).join(', ')})` };
    const problem = (field: string | undefined, message: string, value?: string) => problems.push({ ...locator, field, value, message });
    const candidate = { row: observation.row, eventIndex: isCsv ? undefined : index, problems, raw: observation.raw };
    const skip = { ...candidate, skipped: true };
    const code = (id: string | undefined) => (id ? (observation.components[id] ?? '').trim() : '');
    const described = (id: string | undefined) => {
      const name = id ? observation.names[id] : undefined;
      return name && name !== code(id) ? `${code(id)} (${name})` : code(id);
    };

    if (observation.structureType !== undefined && !STRUCTURE_TYPES.has(observation.structureType)) {
      problem('STRUCTURE', `"${observation.structureType}" is not a structure type (dataflow, datastructure or dataprovision)`, observation.structureType);
    }
    const action = observation.action?.trim().toUpperCase() ?? '';
    if (action === 'D' || action === 'DELETE') problem('ACTION', 'deleting observations is not supported: send the corrected values instead', observation.action!);
    else if (action && !ACTIONS.has(action) && !['INFORMATION', 'APPEND', 'REPLACE', 'MERGE'].includes(action)) problem('ACTION', `"${observation.action}" is not an SDMX action (I, A, R, M)`, observation.action!);
    if (roles.frequency && code(roles.frequency) && code(roles.frequency) !== 'A') {
      problem(roles.frequency, `frequency "${code(roles.frequency)}": only annual series (A) are stored`, code(roles.frequency));
    }

    // Area: the mapping file first, then a province code or name, old or current; the code's name as a last resort.
    let provinceCode: string | undefined;
    const areaCode = code(roles.area);
    if (Object.prototype.hasOwnProperty.call(mapping.areas, areaCode)) {
      const target = mapping.areas[areaCode];
      if (target === null) return skip;
      provinceCode = resolveProvince(target)?.units[0].code;
      if (!provinceCode) problem(roles.area, `${mappingFile} maps area ${areaCode} to "${target}", which is not a Vietnamese province`, areaCode);
    } else if (!areaCode) {
      problem(roles.area, 'the area is missing');
    } else {
      const name = observation.names[roles.area!];
      provinceCode = (resolveProvince(areaCode) ?? (name ? resolveProvince(name) : null))?.units[0].code;
      if (!provinceCode) {
        problem(roles.area, `area ${described(roles.area)} is not a Vietnamese province, old (63) or current (34); map it in ${mappingFile} ("areas": {"${areaCode}": "<province code>"}, or null to skip it)`, described(roles.area));
      }
    }

    let year: number | undefined;
    const time = code(roles.time);
    const annual = /^(\d{4})(-A1)?$/.exec(time);
    if (annual && Number(annual[1]) >= 1900 && Number(annual[1]) <= 2100) year = Number(annual[1]);
    else problem(roles.time, time ? `"${time}" is not a year: only annual series (2020, 2020-A1) are stored` : 'the year is missing', time);

    let crop: string | undefined;
    if (roles.crop) {
      const cropCode = code(roles.crop);
      crop = mapping.crops[cropCode] ?? cropByCodeOrName(cropCode) ?? (observation.names[roles.crop] ? cropByCodeOrName(observation.names[roles.crop]) : undefined);
      if (!crop) {
        problem(roles.crop, cropCode ? `crop ${described(roles.crop)} is not known (codes: ${Object.keys(CROP_CODES).join(', ')}, or Vietnamese names); map it in ${mappingFile} ("crops": {"${cropCode}": "<tên cây trồng>"})` : 'the crop is missing', cropCode);
      }
    } else crop = defaultOf(observation, 'crop');

    let measure: IndicatorMeasure | undefined;
    if (roles.measure) {
      const measureCode = code(roles.measure);
      const mapped = mapping.measures[codeKey(measureCode)];
      if (mapped === null) return skip;
      if (mapped === undefined) {
        problem(roles.measure, measureCode ? `measure ${described(roles.measure)} is not one the hub stores (PRODUCTION in tonnes, AREA in hectares, FARMING_HOUSEHOLDS); map it in ${mappingFile} ("measures")` : 'the measure is missing', measureCode);
      } else measure = mapped;
    } else measure = defaultOf(observation, 'measure');

    const rawValue = observation.value?.trim() ?? '';
    if (MISSING_VALUES.has(rawValue)) return skip;
    const valueField = message.valueComponent ?? 'OBS_VALUE';
    let value: number | undefined;
    const number = /^\d+(\.\d+)?([eE][+-]?\d+)?$/.test(rawValue) ? Number(rawValue) : /^\d+,\d+$/.test(rawValue) ? Number(rawValue.replace(',', '.')) : undefined;
    if (/^-\d/.test(rawValue) && Number.isFinite(Number(rawValue))) problem(valueField, `${rawValue} is negative: production, area and households cannot be`, rawValue);
    else if (number === undefined || !Number.isFinite(number)) problem(valueField, `"${rawValue}" is not a number (write digits with a dot for decimals, e.g. 1234.5)`, rawValue);
    else value = number;

    const unitCode = code(roles.unit);
    let factor = 1;
    if (unitCode && measure) {
      const unit = mapping.units[codeKey(unitCode)];
      const expected = INDICATOR_MEASURES[measure].unit;
      if (!unit) problem(roles.unit, `unit "${unitCode}" is not known (T, KG, TA for tạ, HA, KM2, HH...); map it in ${mappingFile} ("units")`, unitCode);
      else if (unit.unit !== expected) problem(roles.unit, `unit "${unitCode}" does not fit ${INDICATOR_MEASURES[measure].label}, which is in ${expected.toLowerCase()}`, unitCode);
      else factor = unit.factor;
    }
    const multiplierCode = code(roles.multiplier);
    let multiplier = 0;
    if (multiplierCode) {
      if (/^\d{1,2}$/.test(multiplierCode) && Number(multiplierCode) <= MAX_UNIT_MULT) multiplier = Number(multiplierCode);
      else problem(roles.multiplier, `"${multiplierCode}" is not a unit multiplier: the power of ten the value is in, from 0 to ${MAX_UNIT_MULT} (3 = thousands, 6 = millions)`, multiplierCode);
    }

    const target = provinceCode && crop && year !== undefined && measure ? `${provinceCode}|${crop}|${year}|${measure}` : undefined;
    if (problems.length || value === undefined) return { ...candidate, target, area: areaCode };
    // toPrecision drops the binary noise of scaling (350.154 x 1000 is 350154, not 350153.99999999994).
    const scaled = Number((value * 10 ** multiplier * factor).toPrecision(12));
    // Far above any province's output, area or households: a value past it is a slip (1e300), not a statistic.
    if (numberProblem(scaled, { min: 0, max: MAX_INDICATOR_VALUE })) {
      problem(valueField, `${rawValue}${multiplier ? ` x10^${multiplier}` : ''} is out of range: a value must be a finite number from 0 to ${MAX_INDICATOR_VALUE.toExponential()} (check the number and the unit multiplier)`, rawValue);
      return { ...candidate, target, area: areaCode };
    }
    if (measure === 'FARMING_HOUSEHOLDS' && !Number.isInteger(scaled)) {
      problem(valueField, `${rawValue} households (x10^${multiplier}) is not a whole number`, rawValue);
      return { ...candidate, target, area: areaCode };
    }
    return {
      ...candidate,
      target,
      area: areaCode,
      record: { provinceCode: provinceCode!, crop: crop!, year: year!, measure: measure!, value: scaled, area: areaCode, ref: isCsv ? `row=${observation.row}` : `obs=${observation.key}` },
    };
  }
}

function locatorText(candidate: Candidate<IndicatorValue>): string {
  return candidate.row !== undefined ? `row ${candidate.row}` : `observation ${candidate.record?.ref.slice(4) ?? candidate.eventIndex}`;
}

function problemBase(candidate: Candidate<IndicatorValue>): Pick<ImportProblem, 'row' | 'observation'> {
  return candidate.row !== undefined ? { row: candidate.row } : { observation: candidate.problems[0]?.observation ?? candidate.record?.ref.slice(4) };
}

/** One message must not give two values of one series and year for one area (codes compared as written, folded). */
function rejectRepeatedObservations(candidates: InterpretedCandidate[]): void {
  const first = new Map<string, Candidate<IndicatorValue>>();
  for (const candidate of candidates) {
    const record = candidate.record;
    if (!record || candidate.skipped) continue;
    const key = [foldVietnamese(record.area), record.crop, record.year, record.measure].join('|');
    const earlier = first.get(key);
    if (earlier) {
      candidate.problems.push({
        ...problemBase(candidate),
        message: `${INDICATOR_MEASURES[record.measure].label} of ${record.crop} in area ${record.area}, ${record.year}, is already given in ${locatorText(earlier)}`,
      });
    } else first.set(key, candidate);
  }
}

/** Old provinces merged into one are summed: if one of them is refused, the others are too (the sum would be short). */
function rejectIncompleteSums(candidates: InterpretedCandidate[]): void {
  const refusedByTarget = new Map<string, InterpretedCandidate>();
  for (const candidate of candidates) if (candidate.target && candidate.problems.length) refusedByTarget.set(candidate.target, candidate);
  for (const candidate of candidates) {
    const refused = candidate.target ? refusedByTarget.get(candidate.target) : undefined;
    // A repeat of the same area is its own problem (see rejectRepeatedObservations), not a short sum.
    if (!refused || candidate.problems.length || foldVietnamese(refused.area ?? '') === foldVietnamese(candidate.area ?? '')) continue;
    const record = candidate.record!;
    candidate.problems.push({
      ...problemBase(candidate),
      message: `not imported because ${locatorText(refused)} was refused: both are ${INDICATOR_MEASURES[record.measure].label} of ${record.crop} in ${record.year} for province ${record.provinceCode} (provinces merged in 2025 are summed), and the sum would be incomplete`,
    });
  }
}
