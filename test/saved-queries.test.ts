import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, validate, Kind, type OperationDefinitionNode } from 'graphql';
import { parseSavedQuery } from '../explorer/src/saved-queries';
import { readSupergraph } from '../gateway/main';
import { hub, post } from './support/hub';

const FOLDER = path.join(__dirname, '..', 'queries');
const files = fs.readdirSync(FOLDER).filter((file) => file.endsWith('.graphql')).sort();
const saved = files.map((file) => parseSavedQuery(file.replace(/\.graphql$/, ''), fs.readFileSync(path.join(FOLDER, file), 'utf8')));

describe('the explorer\'s saved example queries (queries/*.graphql)', () => {
  const schema = buildSchema(readSupergraph());

  it('cover what journalists ask: a journey, tonnes per province, countries, export-ready producers, OCOP, hours, a QR trace', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'household-journey.graphql', 'tonnes-per-province.graphql', 'countries-reached.graphql', 'export-ready-producers.graphql',
        'ocop-coverage.graphql', 'harvest-to-door-hours.graphql', 'qr-trace.graphql',
      ]),
    );
  });

  it.each(saved.map((query) => [query.name, query] as const))('%s is valid against the supergraph, with a title in both languages and its variables', (_name, query) => {
    expect(query.titleVi).not.toBe(query.titleEn);
    const document = parse(query.query);
    expect(validate(schema, document).map((error) => error.message)).toEqual([]);
    const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
    expect(operations).toHaveLength(1);
    const declared = (operations[0].variableDefinitions ?? []).map((definition) => definition.variable.name.value).sort();
    const required = (operations[0].variableDefinitions ?? []).filter((definition) => definition.type.kind === Kind.NON_NULL_TYPE && !definition.defaultValue).map((definition) => definition.variable.name.value);
    expect(Object.keys(query.variables).sort()).toEqual(declared.filter((name) => name in query.variables).sort());
    for (const name of required) expect(query.variables).toHaveProperty(name);
  });

  it.each(saved.map((query) => [query.name, query] as const))('%s runs on the demo data without errors and finds something', async (_name, query) => {
    const answer = await post<Record<string, unknown>>(hub().gatewayUrl, query.query, query.variables);
    expect(answer.errors).toBeUndefined();
    const values = Object.values(answer.data ?? {});
    expect(values.length).toBeGreaterThan(0);
    for (const value of values) expect(value).not.toBeNull();
  });

  it('names the file and the problem when a saved query has no titles or bad variables', () => {
    expect(() => parseSavedQuery('broken', 'query A { provinces { code } }')).toThrow('queries/broken.graphql: start with two comment lines');
    expect(() => parseSavedQuery('broken', '# a\n# b\n# variables: {id: 1}\nquery A { provinces { code } }')).toThrow(/queries\/broken.graphql: the "# variables:" line is not JSON/);
  });
});
