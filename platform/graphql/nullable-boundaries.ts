import { Kind, parse, type ConstDirectiveNode, type FieldDefinitionNode, type ObjectTypeDefinitionNode, type TypeNode } from 'graphql';
import { ENTITY_OWNERS } from './entity-references';

/**
 * A dead subgraph must cost only its own fields. When a subgraph cannot answer, the gateway leaves the fields it
 * would have given null; a non-null field turns that null into its parent's, up to the first nullable field, so one
 * subgraph down blanked the whole household. The fields where the gateway crosses from one subgraph to another are
 * therefore nullable:
 * - a field a subgraph adds to an entity another subgraph owns (`Household.shops`, `Listing.lots`);
 * - a field pointing from one subgraph to an entity another owns (`GrowingArea.commune`, `Shop.owner`).
 * `npm run compose` and `npm run compose:check` refuse a supergraph with a non-null field of either kind.
 */

export interface BoundaryViolation {
  /** `Household.shops`. */
  field: string;
  /** The subgraph that resolves the field. */
  subgraph: string;
  message: string;
}

export function nonNullBoundaryFields(supergraphSdl: string, owners: Readonly<Record<string, string>> = ENTITY_OWNERS): BoundaryViolation[] {
  const document = parse(supergraphSdl);
  const graphNames = new Map<string, string>();
  const objects: ObjectTypeDefinitionNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph') {
      for (const value of definition.values ?? []) {
        const name = stringArgument(value.directives?.find((directive) => directive.name.value === 'join__graph'), 'name');
        if (name) graphNames.set(value.name.value, name);
      }
    }
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION) objects.push(definition);
  }
  const graphOf = (directive: ConstDirectiveNode) => {
    const argument = directive.arguments?.find((candidate) => candidate.name.value === 'graph');
    return argument?.value.kind === Kind.ENUM ? (graphNames.get(argument.value.value) ?? argument.value.value) : undefined;
  };

  // Entities (a type with a key in some subgraph) and the subgraph that owns each.
  const entityOwners = new Map<string, string>();
  const violations: BoundaryViolation[] = [];
  const typeGraphs = new Map<string, string[]>();
  for (const type of objects) {
    const joins = (type.directives ?? []).filter((directive) => directive.name.value === 'join__type');
    const graphs = [...new Set(joins.map(graphOf).filter((graph): graph is string => graph !== undefined))];
    typeGraphs.set(type.name.value, graphs);
    if (!joins.some((directive) => directive.arguments?.some((argument) => argument.name.value === 'key'))) continue;
    const owner = owners[type.name.value] ?? (graphs.length === 1 ? graphs[0] : undefined);
    if (!owner) {
      violations.push({
        field: type.name.value,
        subgraph: graphs.join(', '),
        message: `${type.name.value} is an entity of ${graphs.join(', ')} with no owner: add it to ENTITY_OWNERS in platform/graphql/entity-references.ts.`,
      });
      continue;
    }
    entityOwners.set(type.name.value, owner);
  }

  for (const type of objects) {
    const typeName = type.name.value;
    for (const field of type.fields ?? []) {
      if (field.type.kind !== Kind.NON_NULL_TYPE) continue;
      const resolvers = fieldGraphs(field, graphOf) ?? typeGraphs.get(typeName) ?? [];
      const owner = entityOwners.get(typeName);
      const label = `${typeName}.${field.name.value}`;
      const adders = owner ? resolvers.filter((graph) => graph !== owner) : [];
      if (owner && adders.length > 0 && !resolvers.includes(owner)) {
        violations.push({
          field: label,
          subgraph: adders.join(', '),
          message: `${label} is added by ${adders.join(', ')} to ${owner}'s ${typeName}: make it nullable (nullable: true), or ${adders.join(', ')} being down blanks the whole ${typeName}.`,
        });
        continue;
      }
      const target = namedType(field.type);
      const targetOwner = entityOwners.get(target);
      const pointers = targetOwner ? resolvers.filter((graph) => graph !== targetOwner) : [];
      if (targetOwner && pointers.length > 0 && pointers.length === resolvers.length) {
        violations.push({
          field: label,
          subgraph: pointers.join(', '),
          message: `${label} points from ${pointers.join(', ')} to ${targetOwner}'s ${target}: make it nullable (nullable: true), or ${targetOwner} being down blanks the ${typeName}.`,
        });
      }
    }
  }
  return violations;
}

/** The subgraphs that resolve a field (its `@join__field` graphs, external ones aside); undefined when it has none. */
function fieldGraphs(field: FieldDefinitionNode, graphOf: (directive: ConstDirectiveNode) => string | undefined): string[] | undefined {
  const joins = (field.directives ?? []).filter((directive) => directive.name.value === 'join__field');
  if (joins.length === 0) return undefined;
  const resolving = joins.filter(
    (directive) => !directive.arguments?.some((argument) => argument.name.value === 'external' && argument.value.kind === Kind.BOOLEAN && argument.value.value),
  );
  return [...new Set(resolving.map(graphOf).filter((graph): graph is string => graph !== undefined))];
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

function stringArgument(directive: ConstDirectiveNode | undefined, name: string): string | undefined {
  const argument = directive?.arguments?.find((candidate) => candidate.name.value === name);
  return argument?.value.kind === Kind.STRING ? argument.value.value : undefined;
}
