import {
  getNamedType,
  getNullableType,
  isListType,
  isObjectType,
  isInterfaceType,
  isUnionType,
  Kind,
  valueFromAST,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export interface CostSettings {
  /** How many items a list without a page size (`Household.shops`, say) is assumed to hold. */
  assumedListSize: number;
}

/** The argument that sets how many items a list field returns. */
const SLICING_ARGUMENT = 'first';

/**
 * What an operation would ask of the hub, before it runs: every field counts 1, and a field returning several
 * items multiplies what is selected under it by how many: its `first` argument (literal, variable or default), the
 * number of representations for `_entities`, or an assumed size for lists without paging. Nested pages are priced as
 * a product, so 1,000 aliases of `households(first: 100) { … shops { … } }` cost far more than one page does.
 * Connections count their page once: `nodes`/`edges` under a `first` are not multiplied again.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  settings: CostSettings,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const root =
    operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  if (!root) return 0;
  // A fragment's cost per instance does not depend on where it is spread: computed once (and cycles cost nothing).
  const fragmentCosts = new Map<string, number>();

  const selectionCost = (selectionSet: SelectionSetNode, parent: GraphQLNamedType, pagedParent: boolean): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        total += fieldCost(selection, parent, pagedParent);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const typeName = selection.typeCondition?.name.value;
        const type = (typeName && schema.getType(typeName)) || parent;
        total += selectionCost(selection.selectionSet, type, pagedParent);
      } else {
        const name = selection.name.value;
        if (!fragmentCosts.has(name)) {
          fragmentCosts.set(name, 0);
          const fragment = fragments.get(name);
          const type = fragment && schema.getType(fragment.typeCondition.name.value);
          fragmentCosts.set(name, fragment && type ? selectionCost(fragment.selectionSet, type, pagedParent) : 0);
        }
        total += fragmentCosts.get(name)!;
      }
    }
    return total;
  };

  const fieldCost = (node: FieldNode, parent: GraphQLNamedType, pagedParent: boolean): number => {
    // Introspection is answered by the server from the schema alone.
    if (node.name.value.startsWith('__')) return 0;
    const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[node.name.value] : undefined;
    if (!field || !node.selectionSet) return 1;
    const type = getNamedType(field.type);
    if (isUnionType(type) || isObjectType(type) || isInterfaceType(type)) {
      const size = itemCount(node, field, pagedParent);
      const paged = argumentValue(node, field, SLICING_ARGUMENT, variables) !== undefined;
      return 1 + size * selectionCost(node.selectionSet, type, paged);
    }
    return 1;
  };

  const itemCount = (node: FieldNode, field: GraphQLField<unknown, unknown>, pagedParent: boolean): number => {
    const first = argumentValue(node, field, SLICING_ARGUMENT, variables);
    if (typeof first === 'number' && Number.isFinite(first)) return Math.max(0, first);
    if (!isListType(getNullableType(field.type))) return 1;
    if (pagedParent) return 1;
    if (node.name.value === '_entities') {
      const representations = argumentValue(node, field, 'representations', variables);
      if (Array.isArray(representations)) return representations.length;
    }
    return settings.assumedListSize;
  };

  return selectionCost(operation.selectionSet, root, false);
}

function argumentValue(
  node: FieldNode,
  field: GraphQLField<unknown, unknown>,
  name: string,
  variables: Record<string, unknown> | undefined,
): unknown {
  const definition = field.args.find((argument) => argument.name === name);
  if (!definition) return undefined;
  const given = node.arguments?.find((argument) => argument.name.value === name);
  if (!given) return definition.defaultValue ?? undefined;
  // valueFromAST gives undefined for a value of the wrong type: the validation that follows reports it.
  return valueFromAST(given.value, definition.type, variables as Record<string, unknown> | undefined) ?? undefined;
}
