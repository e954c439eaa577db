import { readSupergraph } from '../gateway/main';
import { ENTITY_OWNERS } from '../platform/graphql/entity-references';
import { nonNullBoundaryFields } from '../platform/graphql/nullable-boundaries';

/** The committed supergraph with one field's declaration replaced, as a subgraph change would write it. */
function supergraphWith(from: string, to: string): string {
  const sdl = readSupergraph();
  expect(sdl).toContain(from);
  return sdl.replace(from, to);
}

describe('fields where one subgraph meets another', () => {
  it('are all nullable in the supergraph the gateway serves, so a dead subgraph costs only its own fields', () => {
    expect(nonNullBoundaryFields(readSupergraph())).toEqual([]);
  });

  it('refuses a non-null field a subgraph adds to an entity another owns, naming both', () => {
    const violations = nonNullBoundaryFields(
      supergraphWith('shops: [Shop!] @join__field(graph: MARKETPLACE)', 'shops: [Shop!]! @join__field(graph: MARKETPLACE)'),
    );
    expect(violations).toEqual([
      {
        field: 'Household.shops',
        subgraph: 'marketplace',
        message: expect.stringContaining("Household.shops is added by marketplace to registry's Household: make it nullable"),
      },
    ]);
  });

  it('refuses a non-null field pointing from one subgraph to an entity another owns', () => {
    const sdl = readSupergraph();
    const growingArea = sdl.slice(sdl.indexOf('type GrowingArea'));
    const pointer = growingArea.slice(growingArea.indexOf('  commune: Commune'), growingArea.indexOf('\n', growingArea.indexOf('  commune: Commune')));
    expect(pointer).toBe('  commune: Commune');
    const violations = nonNullBoundaryFields(sdl.replace(growingArea, growingArea.replace(pointer, '  commune: Commune!')));
    expect(violations.map(({ field, subgraph }) => ({ field, subgraph }))).toEqual([{ field: 'GrowingArea.commune', subgraph: 'traceability' }]);
    expect(violations[0].message).toContain("points from traceability to registry's Commune");
  });

  it('asks for an owner when several subgraphs share an entity nobody declared', () => {
    const { Listing: _undeclared, ...owners } = ENTITY_OWNERS;
    const violations = nonNullBoundaryFields(readSupergraph(), owners);
    expect(violations.map(({ message }) => message)).toEqual([
      expect.stringMatching(/^Listing is an entity of marketplace, traceability with no owner: add it to ENTITY_OWNERS/),
    ]);
  });
});
