import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, Kind, visit, type ASTNode, type DocumentNode } from 'graphql';
import { textProblem } from '../ingest/values';

/*
 * GraphQL string arguments and variables go through the same text rules as imported files (platform/ingest/values.ts):
 * a NUL byte, a control character or a direction override is refused before any resolver, so none reaches SQL.
 */

/** A plugin for the gateway and every subgraph: refuses the operation with BAD_USER_INPUT naming the argument. */
export function safeStringsPlugin<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          const problem = literalProblem(document) ?? variableProblem(request.variables ?? {});
          if (problem) {
            throw new GraphQLError(problem.message, {
              extensions: { code: 'BAD_USER_INPUT', ...problem.where, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

interface StringProblem {
  message: string;
  where: { argumentName?: string; variableName?: string };
}

/**
 * A document's literals are checked once: Apollo Server hands the same parsed document (from its document store)
 * to every request that sends the same text, and the gateway sends a few texts again and again. `null`: no problem.
 */
const literalProblems = new WeakMap<DocumentNode, StringProblem | null>();

function literalProblem(document: DocumentNode): StringProblem | undefined {
  let known = literalProblems.get(document);
  if (known === undefined) {
    known = findLiteralProblem(document) ?? null;
    literalProblems.set(document, known);
  }
  return known ?? undefined;
}

function findLiteralProblem(document: DocumentNode): StringProblem | undefined {
  let found: StringProblem | undefined;
  visit(document, {
    StringValue(node, _key, parent, _path, ancestors) {
      const problem = found ? undefined : textProblem(node.value, { multiline: true });
      if (!problem) return;
      const argument = [...ancestors, parent].reverse().find((ancestor): ancestor is ASTNode & { kind: Kind.ARGUMENT; name: { value: string } } => !!ancestor && !Array.isArray(ancestor) && (ancestor as ASTNode).kind === Kind.ARGUMENT);
      const name = argument?.name.value;
      found = { message: `The ${name ? `argument "${name}"` : 'text in the query'} ${problem}.`, where: name ? { argumentName: name } : {} };
    },
  });
  return found;
}

function variableProblem(variables: Record<string, unknown>): StringProblem | undefined {
  for (const [name, value] of Object.entries(variables)) {
    const problem = valueProblem(value, `$${name}`);
    if (problem) return { message: problem, where: { variableName: name } };
  }
  return undefined;
}

function valueProblem(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') {
    const problem = textProblem(value, { multiline: true });
    return problem ? `The variable ${path} ${problem}.` : undefined;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const problem = valueProblem(item, `${path}[${index}]`);
      if (problem) return problem;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const problem = valueProblem(item, `${path}.${key}`);
      if (problem) return problem;
    }
  }
  return undefined;
}
