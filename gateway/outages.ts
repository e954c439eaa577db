import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, Kind, parse, type GraphQLFormattedError, type SelectionSetNode } from 'graphql';
import { SUBGRAPH_TIMEOUT_VARIABLE, subgraphTimeoutVariable } from '../platform/server/peers';
import { SubgraphFetchError } from './subgraph-fetcher';

/**
 * What a client sees when a subgraph is down or too slow: the fields that subgraph would have given are null, each
 * with an error at its path naming the subgraph (`serviceName`) and what happened (SUBGRAPH_UNAVAILABLE or
 * SUBGRAPH_TIMEOUT); where the subgraph runs (URL, port) is never shown. The other subgraphs' fields are answered:
 * every field a subgraph adds to another's entity is nullable (test/nullable-boundaries.test.ts keeps it so).
 */

export { subgraphTimeoutMs } from '../platform/server/peers';

/** Where in the client's answer a failed fetch's fields go; `@` stands for every element of a list. */
type PathTemplate = (string | number)[];

/**
 * The data source of one subgraph, outages turned into errors a client can act on. Give it the fetcher of its own
 * subgraph (`fetcher.forSubgraph(name, subgraphTimeoutMs(name))`) so that a slow answer times out.
 */
export class OutageAwareDataSource<Context extends Record<string, any> = Record<string, any>> extends RemoteGraphQLDataSource<Context> {
  constructor(
    readonly serviceName: string,
    config: ConstructorParameters<typeof RemoteGraphQLDataSource<Context>>[0],
  ) {
    super(config);
  }

  override async process(options: GraphQLDataSourceProcessOptions<Context>) {
    try {
      return await super.process(options);
    } catch (error) {
      if (!(error instanceof SubgraphFetchError)) throw error;
      const incoming = 'pathInIncomingRequest' in options ? options : undefined;
      // The planner's document is kept only on request (exposeDocumentNodeInFetchNode): the text is parsed on failure alone.
      const document = incoming?.document ?? (options.request.query ? parse(options.request.query) : undefined);
      throw outageError(this.serviceName, error, incoming?.pathInIncomingRequest ?? [], document?.definitions);
    }
  }

  /**
   * A 5xx answer (a proxy in front of a subgraph that is down says 502-504) is an outage, like a refused connection.
   * Other statuses keep Apollo's error, without the subgraph's URL that Apollo puts in `extensions.response`.
   */
  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]): Promise<GraphQLError> {
    if (response.status >= 500) {
      throw new SubgraphFetchError('unavailable', this.serviceName, `${response.url} answered HTTP ${response.status} ${response.statusText}`, undefined, {
        cause: { code: `HTTP ${response.status}` },
      });
    }
    const error = await super.errorFromResponse(response);
    const shown = error.extensions.response as { url?: string } | undefined;
    if (shown) delete shown.url;
    return error;
  }
}

function outageError(
  name: string,
  error: SubgraphFetchError,
  parent: PathTemplate,
  definitions: readonly { kind: string; selectionSet?: SelectionSetNode }[] | undefined,
): GraphQLError {
  const fields = fetchedFields(definitions);
  const timedOut = error.kind === 'timeout';
  const reason = timedOut
    ? `did not answer within ${error.timeoutMs} ms (${subgraphTimeoutVariable(name)} or ${SUBGRAPH_TIMEOUT_VARIABLE})`
    : 'is unavailable';
  // Outside production the socket's reason helps whoever runs the hub; a client never needs to know where a subgraph runs.
  const detail = process.env.NODE_ENV === 'production' || timedOut ? '' : ` (${socketReason(error)})`;
  return new GraphQLError(`The ${name} subgraph ${reason}${detail}; the fields it gives are null: ${fields.map(({ label }) => label).join(', ')}.`, {
    // The first field's path; the plugin below writes one error per field and list element.
    path: fields.length ? [...parent, fields[0].response] : parent,
    // For whoever logs errors server-side: `detail` has the subgraph's URL and the socket's reason. Clients never see it.
    originalError: error,
    extensions: {
      code: timedOut ? 'SUBGRAPH_TIMEOUT' : 'SUBGRAPH_UNAVAILABLE',
      serviceName: name,
      [PATHS_KEY]: fields.map(({ response }) => [...parent, response]),
    },
  });
}

/** The code of a socket error (ECONNREFUSED, ECONNRESET) without the address it was for. */
function socketReason(error: SubgraphFetchError): string {
  const code = (error.cause as NodeJS.ErrnoException | undefined)?.code;
  return code ?? 'connection failed';
}

/** The fields a fetch asks for: `household` for a root fetch, `Household.shops` for an `_entities` fetch. */
function fetchedFields(definitions: readonly { kind: string; selectionSet?: SelectionSetNode }[] | undefined): { label: string; response: string }[] {
  const operation = definitions?.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  const found: { label: string; response: string }[] = [];
  for (const selection of operation?.selectionSet?.selections ?? []) {
    if (selection.kind !== Kind.FIELD) continue;
    if (selection.name.value !== '_entities') {
      found.push({ label: selection.name.value, response: selection.alias?.value ?? selection.name.value });
      continue;
    }
    for (const fragment of selection.selectionSet?.selections ?? []) {
      if (fragment.kind !== Kind.INLINE_FRAGMENT) continue;
      const type = fragment.typeCondition?.name.value;
      for (const field of fragment.selectionSet.selections) {
        if (field.kind !== Kind.FIELD || field.name.value === '__typename') continue;
        const response = field.alias?.value ?? field.name.value;
        if (!found.some((known) => known.response === response)) found.push({ label: `${type}.${field.name.value}`, response });
      }
    }
  }
  return found;
}

const PATHS_KEY = 'nongsanOutagePaths';
/** Errors written per failed fetch, at most; the message says how many fields were null in all. */
const MAX_ERRORS_PER_OUTAGE = 50;

/**
 * Writes each outage error at the concrete paths of the fields that came back null (a list of listings gives one
 * per listing), as a client reading `errors` next to `data` expects.
 */
export function outagePathsPlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (!result.errors?.some((error) => error.extensions?.[PATHS_KEY])) return;
          result.errors = result.errors.flatMap((error) => expandOutage(error, result.data));
        },
      };
    },
  };
}

function expandOutage(error: GraphQLFormattedError, data: unknown): GraphQLFormattedError[] {
  const templates = error.extensions?.[PATHS_KEY] as PathTemplate[] | undefined;
  if (!templates) return [error];
  const { [PATHS_KEY]: _templates, ...extensions } = error.extensions ?? {};
  const paths = templates.flatMap((template) => concretePaths(data, template));
  if (paths.length === 0) {
    // The parent itself is null (or absent): the error stays at the parent's path, without list markers.
    const first = templates[0] ?? [];
    const cut = first.indexOf('@');
    return [{ ...error, path: cut < 0 ? first : first.slice(0, cut), extensions }];
  }
  return paths.slice(0, MAX_ERRORS_PER_OUTAGE).map((path) => ({ ...error, path, extensions }));
}

/** The paths matching a template in the answer whose value is null: `@` walks every element of a list. */
function concretePaths(data: unknown, template: PathTemplate): (string | number)[][] {
  const found: (string | number)[][] = [];
  const walk = (value: unknown, index: number, path: (string | number)[]) => {
    if (found.length >= MAX_ERRORS_PER_OUTAGE) return;
    if (index === template.length) {
      if (value === null || value === undefined) found.push(path);
      return;
    }
    const step = template[index];
    if (step === '@') {
      if (Array.isArray(value)) value.forEach((element, position) => walk(element, index + 1, [...path, position]));
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    // The field's own null is the last step: it must exist in the answer (null), not be absent because not asked.
    if (index === template.length - 1 && !(String(step) in record)) return;
    walk(record[String(step)], index + 1, [...path, step]);
  };
  walk(data, 0, []);
  return found;
}
