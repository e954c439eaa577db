import fs from 'node:fs';
import path from 'node:path';
import { hub, post } from './support/hub';

/**
 * Personal data is in the schema only behind its rule (see access.test.ts for the full matrix): every personal
 * field is nullable, so a refusal nulls that field only, and an anonymous reader gets null with FORBIDDEN.
 */
const PERSONAL: Record<string, string[]> = {
  Household: ['headName', 'phone', 'nationalId', 'streetAddress'],
  Shop: ['sellerName', 'sellerPhone'],
  CensusRecord: ['respondentName', 'phone'],
  GrowingArea: ['latitude', 'longitude'],
};

describe('personal data', () => {
  it('is declared nullable on every entity that holds it, so a refusal costs only that field', async () => {
    for (const [type, personal] of Object.entries(PERSONAL)) {
      const result = await post<{ __type: { fields: { name: string; type: { kind: string } }[] } }>(hub().gatewayUrl, `{ __type(name: "${type}") { fields { name type { kind } } } }`);
      const fields = new Map(result.data!.__type.fields.map((field) => [field.name, field.type.kind]));
      for (const field of personal) expect([type, field, fields.get(field)]).toEqual([type, field, 'SCALAR']);
    }
  });

  it('is marked @personal in the supergraph, and nothing else is', () => {
    const supergraph = fs.readFileSync(path.join(__dirname, '..', 'schema', 'supergraph.graphql'), 'utf8');
    const marked: string[] = [];
    let type = '';
    for (const line of supergraph.split('\n')) {
      const opened = /^type (\w+)/.exec(line);
      if (opened) type = opened[1];
      const field = /^  (\w+)(?:\(.*\))?: .*@personal\(kind: "\w+"\)/.exec(line);
      if (field) marked.push(`${type}.${field[1]}`);
    }
    expect(marked.sort()).toEqual(Object.entries(PERSONAL).flatMap(([name, fields]) => fields.map((field) => `${name}.${field}`)).sort());
  });

  it('gives an anonymous reader null and a FORBIDDEN error at the field, with the rest of the answer, by household and by _entities', async () => {
    const result = await post<{ household: { displayName: string; phone: string | null } }>(hub().gatewayUrl, '{ household(id: "HH-07582-00001") { displayName phone } }');
    expect(result.data?.household).toEqual({ displayName: 'HTX Vải Lục Ngạn', phone: null });
    expect(result.errors).toEqual([expect.objectContaining({ path: ['household', 'phone'], extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })]);

    const entities = await post<{ _entities: { nationalId: string | null }[] }>(
      hub().subgraphUrls.registry,
      '{ _entities(representations: [{ __typename: "Household", id: "HH-07582-00001" }]) { ... on Household { nationalId } } }',
    );
    expect(entities.data?._entities).toEqual([{ nationalId: null }]);
    expect(entities.errors?.[0]).toMatchObject({ path: ['_entities', 0, 'nationalId'], extensions: { code: 'FORBIDDEN' } });
  });
});
