import fs from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { ImportProblem } from '../../../../platform/ingest/problems';
import { repoRoot } from '../../../../platform/repo-root';

/*
 * Validation of capture documents against GS1's EPCIS 2.0 JSON Schema (draft-07), copied into schema/ with GS1's
 * disclaimer. The schema is compiled once per process; its errors are turned into problems that name the event
 * (index in the event list, from 0), the JSON path and what is wrong, in plain words.
 */

const SCHEMA_FOLDER = path.join(repoRoot(), 'subgraphs', 'traceability', 'ingest', 'epcis', 'schema');
const ROOT_SCHEMA_ID = 'https://gs1.github.io/EPCIS/JSON-Schema/EPCIS-JSON-Schema.json';
const SCHEMA_FILES = ['EPCIS-JSON-Schema-root.json', 'EPCIS-Document-JSON-Schema.json', 'EPCIS-Event-JSON-Schema.json'];

let compiled: ValidateFunction | undefined;

/** The compiled GS1 schema: the root one, which checks an EPCISDocument or an EPCISQueryDocument by its `type`. */
export function epcisSchemaValidator(): ValidateFunction {
  if (compiled) return compiled;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const files = [...SCHEMA_FILES, ...fs.readdirSync(path.join(SCHEMA_FOLDER, 'schemas')).map((file) => `schemas/${file}`)];
  for (const file of files) ajv.addSchema(JSON.parse(fs.readFileSync(path.join(SCHEMA_FOLDER, file), 'utf8')));
  const validate = ajv.getSchema(ROOT_SCHEMA_ID);
  if (!validate) throw new Error(`The EPCIS schema ${ROOT_SCHEMA_ID} is missing from ${SCHEMA_FOLDER}`);
  compiled = validate;
  return validate;
}

export interface SchemaCheck {
  /** Problems of the document outside its events (header, body). */
  documentProblems: ImportProblem[];
  /** Problems of each invalid event, by its index in the event list. */
  eventProblems: Map<number, ImportProblem[]>;
}

/** Validates a parsed document; an empty result means GS1's schema accepts it. */
export function checkAgainstSchema(document: unknown): SchemaCheck {
  const validate = epcisSchemaValidator();
  const result: SchemaCheck = { documentProblems: [], eventProblems: new Map() };
  if (validate(document)) return result;
  // Ajv's errors are summarised event by event: matching each combinator's branches across the whole document
  // made the work grow with the square of the number of invalid events (4,000 of them took 17 s).
  const byEvent = new Map<number, ErrorObject[]>();
  for (const error of validate.errors ?? []) {
    const match = EVENT_LIST_POINTER.exec(error.instancePath);
    const key = match ? Number(match[1]) : -1;
    const group = byEvent.get(key);
    if (group) group.push(error);
    else byEvent.set(key, [error]);
  }
  const problems = [...byEvent.values()].flatMap((errors) => problemsOf(errors, document));
  for (const problem of problems) {
    if (problem.eventIndex === undefined) result.documentProblems.push(problem);
    else {
      const list = result.eventProblems.get(problem.eventIndex) ?? [];
      list.push(problem);
      result.eventProblems.set(problem.eventIndex, list);
    }
  }
  return result;
}

const EVENT_LIST_POINTER = /^\/epcisBody\/(?:queryResults\/resultsBody\/)?eventList\/(\d+)(?=\/|$)/;

/** Keywords that judge a value (not an object's shape): what a field's "standard value or URI" alternatives fail on. */
const VALUE_KEYWORDS = new Set(['format', 'enum', 'pattern', 'type', 'const', 'anyOf', 'oneOf']);

/**
 * Ajv reports every failed branch of the schema's `if`/`anyOf` constructs. Keep the errors that point at a field
 * (a wrong value, a missing property), say once what a field's alternatives allow, and summarise an `anyOf` of an
 * event's shape only when no error of a field explains it.
 */
function problemsOf(errors: ErrorObject[], document: unknown): ImportProblem[] {
  let relevant = errors.filter((error) => error.keyword !== 'if');
  // A property name that is neither an EPCIS field nor a prefixed extension: ajv first reports each check of the
  // name (at the object's path), then the propertyNames error itself. Keep only the latter.
  const lastNameError = new Map<string, number>();
  relevant.forEach((error, index) => {
    if (error.keyword === 'propertyNames') lastNameError.set(error.instancePath, index);
  });
  relevant = relevant.filter(
    (error, index) => error.keyword === 'propertyNames' || !(VALUE_KEYWORDS.has(error.keyword) && index < (lastNameError.get(error.instancePath) ?? -1)),
  );

  const problems: ImportProblem[] = [];
  // A field whose value must be a standard one or a URI (bizStep, disposition, ...): one message for both.
  const byPath = new Map<string, ErrorObject[]>();
  for (const error of relevant) {
    const group = byPath.get(error.instancePath);
    if (group) group.push(error);
    else byPath.set(error.instancePath, [error]);
  }
  const settled = new Set<string>();
  for (const [pointer, group] of byPath) {
    const isAlternatives = group.some((error) => error.keyword === 'anyOf') && group.every((error) => VALUE_KEYWORDS.has(error.keyword));
    if (!isAlternatives || !group.some((error) => error.keyword === 'format' || error.keyword === 'enum')) continue;
    const allowed = group.filter((error) => error.keyword === 'enum').flatMap((error) => (error.params as { allowedValues: unknown[] }).allowedValues);
    const value = valueAt(document, pointer);
    const uriToo = group.some((error) => error.keyword === 'format');
    problems.push(
      located(
        pointer,
        `${describeValue(value)} is not ${allowed.length ? `one of the standard values (${allowed.join(', ')})` : 'allowed'}${uriToo ? ', nor a URI for a value of your own' : ''}`,
        value,
      ),
    );
    settled.add(pointer);
  }
  relevant = relevant.filter((error) => !settled.has(error.instancePath));

  const isBranch = (error: ErrorObject) => /\/(anyOf|oneOf)\//.test(error.schemaPath);
  const direct = relevant.filter((error) => !isBranch(error) && error.keyword !== 'anyOf' && error.keyword !== 'oneOf');
  problems.push(...direct.map((error) => problemOf(error, document)));

  for (const combinator of relevant.filter((error) => error.keyword === 'anyOf' || error.keyword === 'oneOf')) {
    const branches = relevant.filter(
      (error) => error.schemaPath.startsWith(`${combinator.schemaPath}/`) && error.instancePath.startsWith(combinator.instancePath),
    );
    // A wrong field value inside the event (an unknown action) also fails the branches that test that field.
    const explained = branches.some(
      (branch) => branch.instancePath !== combinator.instancePath && direct.some((error) => error.instancePath === branch.instancePath),
    );
    if (explained) continue;
    problems.push(summariseAlternatives(combinator, branches, document));
  }

  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.field}|${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function problemOf(error: ErrorObject, document: unknown): ImportProblem {
  const params = error.params as Record<string, unknown>;
  const pointer = error.keyword === 'required' ? `${error.instancePath}/${escapePointer(String(params.missingProperty))}` : error.instancePath;
  const value = valueAt(document, error.instancePath);
  const shown = describeValue(value);
  let message: string;
  switch (error.keyword) {
    case 'required':
      message = `required field "${String(params.missingProperty)}" is missing`;
      break;
    case 'format':
      message =
        params.format === 'date-time'
          ? `${shown} is not a date and time with a time zone, such as 2025-06-20T05:30:00+07:00`
          : `${shown} is not a ${String(params.format).toUpperCase()}, such as urn:epc:id:sgln:8934588.07582.0 or https://id.gs1.org/01/08935123456788/10/LN2506`;
      break;
    case 'enum':
      message = `${shown} is not one of the allowed values: ${(params.allowedValues as unknown[]).join(', ')}`;
      break;
    case 'pattern':
      message = error.instancePath.endsWith('/eventTimeZoneOffset')
        ? `${shown} is not a time-zone offset such as +07:00`
        : `${shown} does not have the expected form (${String(params.pattern)})`;
      break;
    case 'type':
      message = `${shown} should be ${article(String(params.type))}`;
      break;
    case 'propertyNames':
      message = `"${String(params.propertyName)}" is not an EPCIS field; a field of your own needs a namespace prefix declared in @context, such as "example:${String(params.propertyName)}"`;
      break;
    case 'additionalProperties':
      message = `"${String(params.additionalProperty)}" is not allowed here`;
      break;
    case 'minItems':
      message = `the list is empty; it needs at least ${String(params.limit)} item(s)`;
      break;
    case 'uniqueItems':
      message = `the list repeats an item (items ${String(params.j)} and ${String(params.i)} are the same)`;
      break;
    case 'not':
      message = `${lastSegment(error.instancePath)} is not allowed here`;
      break;
    default:
      message = `${shown}: ${error.message ?? 'is not valid'}`;
  }
  return located(pointer, message, value);
}

function summariseAlternatives(combinator: ErrorObject, branches: ErrorObject[], document: unknown): ImportProblem {
  const missing = [
    ...new Set(
      branches.flatMap((error) =>
        error.keyword === 'required'
          ? [String((error.params as { missingProperty: string }).missingProperty)]
          : error.keyword === 'minItems'
            ? [`${lastSegment(error.instancePath)} (with at least one item)`]
            : [],
      ),
    ),
  ];
  const forbidsIlmd = branches.some((error) => error.keyword === 'not' && error.instancePath.endsWith('/ilmd'));
  let message: string;
  if (forbidsIlmd) message = 'ilmd (the lot master data, such as cbvmda:lotNumber) is only allowed on events whose action is ADD';
  else if (missing.length > 0) message = `needs at least one of these fields: ${missing.join(', ')}`;
  else {
    const first = branches.find((error) => error.keyword !== 'anyOf' && error.keyword !== 'oneOf');
    message = `matches none of the forms the standard allows${first ? ` (for instance: ${problemOf(first, document).message})` : ''}`;
  }
  return located(combinator.instancePath, message, undefined);
}

/** A problem located by JSON pointer: event index (if inside the event list) and the JSON path. */
export function located(pointer: string, message: string, value: unknown): ImportProblem {
  const match = EVENT_LIST_POINTER.exec(pointer);
  const problem: ImportProblem = { field: jsonPath(pointer), message };
  if (match) problem.eventIndex = Number(match[1]);
  if (value !== undefined && (typeof value !== 'object' || value === null)) problem.value = String(value);
  return problem;
}

/** `/epcisBody/eventList/3/example:x` -> `$.epcisBody.eventList[3]['example:x']` */
export function jsonPath(pointer: string): string {
  if (pointer === '') return '$';
  return (
    '$' +
    pointer
      .slice(1)
      .split('/')
      .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((segment) => (/^\d+$/.test(segment) ? `[${segment}]` : /^[A-Za-z_$][\w$]*$/.test(segment) ? `.${segment}` : `['${segment.replace(/'/g, "\\'")}']`))
      .join('')
  );
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function valueAt(document: unknown, pointer: string): unknown {
  if (pointer === '') return document;
  let current: unknown = document;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'the value';
  if (typeof value === 'string') return `"${value.length > 80 ? `${value.slice(0, 77)}...` : value}"`;
  if (Array.isArray(value)) return 'the list';
  if (value !== null && typeof value === 'object') return 'the object';
  return String(value);
}

function article(type: string): string {
  return { object: 'an object', array: 'a list', string: 'a text', number: 'a number', integer: 'a whole number', boolean: 'true or false' }[type] ?? `of type ${type}`;
}

function lastSegment(pointer: string): string {
  return pointer.split('/').pop() || 'the document';
}
