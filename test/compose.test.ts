import { checkSchemas, CompositionError, composeSupergraph, renderSchemas } from '../scripts/compose';

describe('the supergraph', () => {
  it('is composed from the four subgraphs as they are now (schema/ is not stale)', async () => {
    const files = await renderSchemas();
    expect([...files.keys()].sort()).toEqual([
      'schema/marketplace.graphql', 'schema/registry.graphql', 'schema/statistics.graphql', 'schema/supergraph.graphql',
      'schema/traceability.graphql',
    ]);
    expect(checkSchemas(files)).toEqual({ missing: [], stale: [], orphaned: [] });
  });

  it('fails with every composition error named when two subgraphs disagree', () => {
    const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';
    const compose = () =>
      composeSupergraph([
        { name: 'a', url: 'http://a/graphql', sdl: `${link}\ntype Query { item: Item }\ntype Item @key(fields: "id") { id: ID! weight: Float }` },
        { name: 'b', url: 'http://b/graphql', sdl: `${link}\ntype Item @key(fields: "id") { id: ID! weight: String }` },
      ]);
    expect(compose).toThrow(CompositionError);
    try {
      compose();
    } catch (error) {
      expect((error as CompositionError).errors.join('\n')).toMatch(/FIELD_TYPE_MISMATCH.*Item\.weight/);
    }
  });
});
