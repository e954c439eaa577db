import fs from 'node:fs';
import path from 'node:path';
import { ImportRejected } from '../../../../platform/ingest/problems';
import { openTable } from '../../../../platform/ingest/tabular';

/*
 * SDMX data messages read into one shape, whatever their format: a list of observations, each with its component
 * values by component id. What the components mean for the hub is decided afterwards (see observations.ts).
 */

export type SdmxFormat = 'SDMX-CSV 1.0' | 'SDMX-CSV 2.0' | 'SDMX-CSV 2.1' | 'SDMX-JSON';

export interface SdmxObservation {
  /** Spreadsheet row number (header = 1), for CSV messages. */
  row?: number;
  /** The observation's key in an SDMX-JSON message ("0:1:3": series then observation positions). */
  key?: string;
  /** "AGENCY:ID(VERSION)" of the dataflow (or structure) the observation belongs to. */
  structure: string | null;
  /** SDMX-CSV 2.x: dataflow, datastructure or dataprovision. */
  structureType?: string;
  /** SDMX-CSV ACTION: I(nformation), A(ppend), R(eplace), M(erge), D(elete); null when not given. */
  action: string | null;
  /** Codes (or uncoded values) by component id: dimensions and attributes. */
  components: Record<string, string>;
  /** Names of coded values, by component id, when the message gives them (SDMX-JSON, labels=both). */
  names: Record<string, string>;
  /** OBS_VALUE as written; null when absent. */
  value: string | null;
  /** The input as read, for the rejects file. */
  raw: Record<string, string>;
}

export interface SdmxMessage {
  format: SdmxFormat;
  /** Component ids the message declares as dimensions (SDMX-JSON); for CSV, undefined: a column is just an id. */
  dimensions?: string[];
  /** Component ids the message declares as attributes (SDMX-JSON). */
  attributes?: string[];
  /** The component the values were read from (OBS_VALUE); undefined when the message has none. */
  valueComponent?: string;
  /** Every component id present but the value, in message order (CSV: its columns). */
  components: string[];
  observations: SdmxObservation[];
}

/** Reads an SDMX message: `.json` as SDMX-JSON, `.csv` as SDMX-CSV 1.0, 2.0 or 2.1 told apart by the header. */
export async function readSdmxMessage(file: string, options: { valueColumns?: string[] } = {}): Promise<SdmxMessage> {
  const extension = path.extname(file).toLowerCase();
  if (extension === '.json') return readSdmxJson(file);
  if (extension === '.csv') return readSdmxCsv(file, options.valueColumns ?? ['OBS_VALUE']);
  if (extension === '.xml') throw new Error(`${path.basename(file)}: SDMX-ML (XML) is not read; export the table as SDMX-CSV or SDMX-JSON`);
  throw new Error(`${path.basename(file)}: unsupported file type "${extension || '(none)'}"; use .csv (SDMX-CSV) or .json (SDMX-JSON)`);
}

// --- SDMX-CSV ---------------------------------------------------------------------------------------------------

/** Columns of SDMX-CSV 2.x that are not components. */
const CSV_FIXED = new Set(['STRUCTURE', 'STRUCTURE_ID', 'STRUCTURE_NAME', 'ACTION', 'SERIES_KEY', 'OBS_KEY']);
/** Columns only SDMX-CSV 2.1 has: the series/observation keys (`key=`) and separate name columns (`labels=name`). */
const CSV_21_ONLY = ['SERIES_KEY', 'OBS_KEY', 'STRUCTURE_NAME'];

/**
 * SDMX-CSV: 1.0 starts with a DATAFLOW column; 2.0 and 2.1 with STRUCTURE, STRUCTURE_ID (and ACTION). A 2.x header
 * with SERIES_KEY, OBS_KEY or STRUCTURE_NAME is 2.1; one without is 2.0 (a 2.1 message that uses none of 2.1's
 * additions is a valid 2.0 message, and reads the same). Headers and coded values may carry labels
 * ("REF_AREA: Reference area", "24: Bắc Giang"): the id before ": " is used.
 */
async function readSdmxCsv(file: string, valueColumns: string[]): Promise<SdmxMessage> {
  const origin = path.basename(file);
  const table = await openTable(file);
  const ids = table.headers.map((header) => header.replace(/\[.*\]$/, '').split(': ')[0].trim());
  let format: SdmxFormat;
  if (ids[0] === 'DATAFLOW') format = 'SDMX-CSV 1.0';
  else if (ids[0] === 'STRUCTURE' && ids[1] === 'STRUCTURE_ID') format = ids.some((id) => CSV_21_ONLY.includes(id)) ? 'SDMX-CSV 2.1' : 'SDMX-CSV 2.0';
  else {
    throw new ImportRejected(origin, [{
      row: 1,
      field: table.headers[0],
      message: `not an SDMX-CSV message: the first columns must be STRUCTURE, STRUCTURE_ID (SDMX-CSV 2.0 and 2.1) or DATAFLOW (SDMX-CSV 1.0); found "${table.headers.slice(0, 2).join('", "')}"`,
    }]);
  }
  const valueColumn = valueColumns.find((id) => ids.includes(id)) ?? valueColumns[0];
  // With labels=name each component column is followed by a column of its values' names.
  const namesFollow = ids.includes('STRUCTURE_NAME');
  const labelled = table.headers.some((header) => header.includes(': '));
  const componentColumns: { header: string; id: string; nameHeader?: string }[] = [];
  for (let index = 0; index < ids.length; index++) {
    const id = ids[index];
    if (index === 0 || CSV_FIXED.has(id) || !table.headers[index]) continue;
    const column = { header: table.headers[index], id, nameHeader: namesFollow ? table.headers[index + 1] : undefined };
    componentColumns.push(column);
    if (namesFollow) index++;
  }
  const structureHeader = table.headers[format === 'SDMX-CSV 1.0' ? 0 : 1];
  const actionHeader = table.headers[ids.indexOf('ACTION')];
  const observations: SdmxObservation[] = [];
  for await (const { row, cells } of table.rows) {
    const components: Record<string, string> = {};
    const names: Record<string, string> = {};
    for (const column of componentColumns) {
      if (column.id === valueColumn) continue;
      const [code, ...label] = labelled ? (cells[column.header] ?? '').split(': ') : [cells[column.header] ?? ''];
      components[column.id] = code.trim();
      const name = column.nameHeader ? cells[column.nameHeader] : label.join(': ');
      if (name) names[column.id] = name;
    }
    const valueColumnHeader = componentColumns.find((column) => column.id === valueColumn)?.header;
    observations.push({
      row,
      structure: labelled ? (cells[structureHeader] ?? '').split(': ')[0] || null : cells[structureHeader] || null,
      action: actionHeader ? cells[actionHeader] || null : null,
      components,
      names,
      value: valueColumnHeader !== undefined ? (cells[valueColumnHeader] ?? '') : null,
      structureType: format === 'SDMX-CSV 1.0' ? undefined : cells[table.headers[0]],
      raw: cells,
    });
  }
  return { format, valueComponent: componentColumns.some((column) => column.id === valueColumn) ? valueColumn : undefined, components: componentColumns.map((column) => column.id).filter((id) => id !== valueColumn), observations };
}

// --- SDMX-JSON --------------------------------------------------------------------------------------------------

interface JsonValue {
  id?: string;
  name?: string;
  names?: Record<string, string>;
}
interface JsonComponent {
  id: string;
  values?: JsonValue[];
  default?: string;
}
interface JsonStructure {
  links?: { rel?: string; urn?: string }[];
  dimensions?: { dataSet?: JsonComponent[]; series?: JsonComponent[]; observation?: JsonComponent[] };
  measures?: { observation?: JsonComponent[] };
  attributes?: { dataSet?: JsonComponent[]; series?: JsonComponent[]; observation?: JsonComponent[]; dimensionGroup?: JsonComponent[] };
}
type JsonCell = string | number | boolean | null | Record<string, unknown> | unknown[];
interface JsonDataSet {
  structure?: number;
  action?: string;
  attributes?: JsonCell[];
  series?: Record<string, { attributes?: JsonCell[]; observations?: Record<string, JsonCell[]> }>;
  observations?: Record<string, JsonCell[]>;
}

/**
 * SDMX-JSON data messages, 2.x (`data.structures[]`, each data set naming its structure) and 1.0 (one
 * `structure`); observations flat (`observations`) or by series (`series` -> `observations`). Dimension and
 * attribute values are positions in the structure's value lists; uncoded attributes are given as they are.
 * Attributes attached to dimension groups (comments, sources) are not read.
 */
function readSdmxJson(file: string): SdmxMessage {
  const origin = path.basename(file);
  let document: Record<string, unknown>;
  try {
    document = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as Record<string, unknown>;
  } catch (error) {
    throw new ImportRejected(origin, [{ message: `not a JSON document: ${(error as Error).message}` }]);
  }
  const data = (document.data ?? document) as Record<string, unknown>;
  const structures = (data.structures ?? (data.structure ? [data.structure] : document.structure ? [document.structure] : [])) as JsonStructure[];
  const dataSets = (data.dataSets ?? document.dataSets ?? []) as JsonDataSet[];
  if (!Array.isArray(dataSets) || dataSets.length === 0) throw new ImportRejected(origin, [{ field: 'data.dataSets', message: 'the message has no data set' }]);

  const dimensions = new Set<string>();
  const attributes = new Set<string>();
  const observations: SdmxObservation[] = [];
  dataSets.forEach((dataSet, dataSetIndex) => {
    const structure = structures[dataSet.structure ?? 0];
    if (!structure?.dimensions) {
      throw new ImportRejected(origin, [{ field: `data.dataSets[${dataSetIndex}].structure`, message: 'the data set names no structure of the message (its dimensions are unknown)' }]);
    }
    const flow = structureId(structure);
    const levels = {
      dataSet: structure.dimensions.dataSet ?? [],
      series: structure.dimensions.series ?? [],
      observation: structure.dimensions.observation ?? [],
    };
    for (const component of [...levels.dataSet, ...levels.series, ...levels.observation]) dimensions.add(component.id);
    const attributeLevels = structure.attributes ?? {};
    for (const component of [...(attributeLevels.dataSet ?? []), ...(attributeLevels.series ?? []), ...(attributeLevels.observation ?? [])]) attributes.add(component.id);
    const measures = structure.measures?.observation?.length ? structure.measures.observation : [{ id: 'OBS_VALUE' }];
    const valueIndex = Math.max(0, measures.findIndex((measure) => measure.id === 'OBS_VALUE'));

    const base: Pick<SdmxObservation, 'components' | 'names'> = { components: {}, names: {} };
    for (const component of levels.dataSet) setCoded(base, component, 0);
    (attributeLevels.dataSet ?? []).forEach((component, index) => setAttribute(base, component, dataSet.attributes ? dataSet.attributes[index] : soleValue(component)));

    const emit = (key: string, dimensionsOf: [JsonComponent[], string][], seriesAttributes: JsonCell[] | undefined, cells: JsonCell[]) => {
      const observation: SdmxObservation = { key, structure: flow, action: dataSet.action ?? null, components: { ...base.components }, names: { ...base.names }, value: null, raw: {} };
      for (const [components, positions] of dimensionsOf) {
        positions.split(':').forEach((position, index) => {
          if (components[index] && position !== '') setCoded(observation, components[index], Number(position));
        });
      }
      (attributeLevels.series ?? []).forEach((component, index) => setAttribute(observation, component, seriesAttributes?.[index] ?? null));
      (attributeLevels.observation ?? []).forEach((component, index) => setAttribute(observation, component, cells[measures.length + index] ?? null));
      const value = cells[valueIndex];
      observation.value = value === null || value === undefined ? null : String(value);
      observation.raw = { key, ...observation.components, OBS_VALUE: observation.value ?? '' };
      observations.push(observation);
    };
    if (dataSet.series) {
      for (const [seriesKey, series] of Object.entries(dataSet.series)) {
        for (const [observationKey, cells] of Object.entries(series.observations ?? {})) {
          emit(`${seriesKey}:${observationKey}`, [[levels.series, seriesKey], [levels.observation, observationKey]], series.attributes, cells);
        }
      }
    }
    for (const [observationKey, cells] of Object.entries(dataSet.observations ?? {})) emit(observationKey, [[levels.observation, observationKey]], undefined, cells);
  });
  return {
    format: 'SDMX-JSON',
    valueComponent: 'OBS_VALUE',
    dimensions: [...dimensions],
    attributes: [...attributes],
    components: [...dimensions, ...attributes],
    observations,
  };
}

/** "MA_545:MILLED_RICE(1.0)" from the structure's dataflow (or data structure) URN. */
function structureId(structure: JsonStructure): string | null {
  const links = structure.links ?? [];
  const link = links.find((candidate) => candidate.rel === 'dataflow') ?? links.find((candidate) => candidate.rel === 'datastructure');
  const match = link?.urn ? /=([^=]+)$/.exec(link.urn) : null;
  return match ? match[1] : null;
}

function valueName(value: JsonValue): string | undefined {
  return value.name ?? value.names?.vi ?? value.names?.en ?? (value.names ? Object.values(value.names)[0] : undefined);
}

function setCoded(target: Pick<SdmxObservation, 'components' | 'names'>, component: JsonComponent, position: number): void {
  const value = component.values?.[position];
  if (!value) return;
  target.components[component.id] = value.id ?? '';
  const name = valueName(value);
  if (name) target.names[component.id] = name;
}

/** An attribute's cell: a position in its coded values, or the value itself for uncoded attributes; null -> default. */
function setAttribute(target: Pick<SdmxObservation, 'components' | 'names'>, component: JsonComponent, cell: JsonCell | undefined): void {
  if (cell === null || cell === undefined) {
    if (component.default !== undefined) target.components[component.id] = component.default;
    return;
  }
  if (typeof cell === 'number' && Number.isInteger(cell) && component.values?.length) {
    setCoded(target, component, cell);
    return;
  }
  if (typeof cell === 'string' || typeof cell === 'number' || typeof cell === 'boolean') target.components[component.id] = String(cell);
}

/** SDMX-JSON 1.0 gives a data-set attribute's only value in the structure when the data set does not list them. */
function soleValue(component: JsonComponent): JsonCell {
  return component.values?.length === 1 ? 0 : null;
}
