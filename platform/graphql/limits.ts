import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens';
import { GraphQLError, Kind, validate, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode, type ValidationRule } from 'graphql';
import { operationCost } from './cost';

/** The roles of platform/access (the access layer); limits are set per role, `public` the strictest. */
export const LIMIT_ROLES = ['public', 'journalist', 'partner', 'trade', 'official', 'admin'] as const;
export type LimitRole = (typeof LIMIT_ROLES)[number];

export interface QueryLimits {
  /** Levels of nested selections (the Journey query nests 7). */
  depth: number;
  aliases: number;
  directives: number;
  /** Lexical tokens of the document: stops huge documents while they are read, before any other work. */
  tokens: number;
  /** See platform/graphql/cost.ts. */
  cost: number;
  /** Requests per window and key (the caller's key or subject; the address for anonymous callers). */
  rate: { requests: number; seconds: number };
  /** Only operations of the persisted-operations manifest are accepted. */
  safelistOnly: boolean;
}

export type RoleLimits = Record<LimitRole, QueryLimits>;

/** Aliases allow one per province, old (63) or new (34), in one request for everyone. Sized from the Journey query (depth 7, cost about 2,650 with the assumed list size), the benchmark's operations and the explorer's introspection. */
export const DEFAULT_LIMITS: RoleLimits = {
  public: { depth: 10, aliases: 100, directives: 10, tokens: 2_000, cost: 20_000, rate: { requests: 300, seconds: 60 }, safelistOnly: false },
  journalist: { depth: 12, aliases: 200, directives: 20, tokens: 3_000, cost: 50_000, rate: { requests: 600, seconds: 60 }, safelistOnly: false },
  partner: { depth: 12, aliases: 200, directives: 20, tokens: 5_000, cost: 100_000, rate: { requests: 1_200, seconds: 60 }, safelistOnly: false },
  trade: { depth: 12, aliases: 200, directives: 20, tokens: 5_000, cost: 100_000, rate: { requests: 600, seconds: 60 }, safelistOnly: false },
  official: { depth: 12, aliases: 200, directives: 20, tokens: 5_000, cost: 100_000, rate: { requests: 600, seconds: 60 }, safelistOnly: false },
  admin: { depth: 15, aliases: 1_000, directives: 50, tokens: 20_000, cost: 500_000, rate: { requests: 6_000, seconds: 60 }, safelistOnly: false },
};

/** Lists without a page size (a household's shops, a listing's lots) are priced as if they held this many items. */
export const DEFAULT_ASSUMED_LIST_SIZE = 5;

export interface LimitSettings {
  roles: RoleLimits;
  assumedListSize: number;
}

const NUMBER_SETTINGS = ['depth', 'aliases', 'directives', 'tokens', 'cost'] as const;

/**
 * Limits from the environment: `NONGSAN_LIMITS_<ROLE>` holds the settings that differ from the defaults, as
 * `depth=12,aliases=20,tokens=2000,cost=40000,directives=10,rate=600/60,safelist=on`; `NONGSAN_RATE_LIMITS=off`
 * lifts every rate limit (a benchmark run); `NONGSAN_COST_LIST_SIZE` sets the assumed list size.
 */
export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): LimitSettings {
  const roles = structuredClone(DEFAULT_LIMITS);
  for (const role of LIMIT_ROLES) {
    const variable = `NONGSAN_LIMITS_${role.toUpperCase()}`;
    const value = env[variable]?.trim();
    if (value) roles[role] = parseRoleLimits(value, roles[role], variable);
  }
  const rates = env.NONGSAN_RATE_LIMITS?.trim().toLowerCase();
  if (rates === 'off') for (const role of LIMIT_ROLES) roles[role].rate = { requests: Infinity, seconds: 1 };
  else if (rates && rates !== 'on') throw new Error(`NONGSAN_RATE_LIMITS must be "on" or "off", not "${env.NONGSAN_RATE_LIMITS}".`);
  const listSize = env.NONGSAN_COST_LIST_SIZE?.trim();
  const assumedListSize = listSize ? positiveInteger(listSize, 'NONGSAN_COST_LIST_SIZE') : DEFAULT_ASSUMED_LIST_SIZE;
  return { roles, assumedListSize };
}

export function parseRoleLimits(text: string, base: QueryLimits, variable: string): QueryLimits {
  const limits: QueryLimits = { ...base, rate: { ...base.rate } };
  for (const part of text.split(',').map((piece) => piece.trim()).filter(Boolean)) {
    const [name, value = ''] = part.split('=').map((piece) => piece.trim());
    if ((NUMBER_SETTINGS as readonly string[]).includes(name)) {
      limits[name as (typeof NUMBER_SETTINGS)[number]] = positiveInteger(value, `${variable} ${name}`);
    } else if (name === 'rate') {
      const match = /^(\d+)\/(\d+)s?$/.exec(value);
      if (!match) throw new Error(`${variable}: rate must be <requests>/<seconds> (600/60), not "${value}".`);
      limits.rate = { requests: positiveInteger(match[1], `${variable} rate`), seconds: positiveInteger(match[2], `${variable} rate`) };
    } else if (name === 'safelist') {
      if (!['on', 'off'].includes(value)) throw new Error(`${variable}: safelist must be on or off, not "${value}".`);
      limits.safelistOnly = value === 'on';
    } else {
      throw new Error(`${variable}: unknown setting "${name}" (known: ${[...NUMBER_SETTINGS, 'rate', 'safelist'].join(', ')}).`);
    }
  }
  return limits;
}

function positiveInteger(value: string, setting: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new Error(`${setting} must be a positive whole number, not "${value}".`);
  return number;
}

/** Why a document is refused: a code for programs, a message for the person who wrote it. */
export interface Refusal {
  status: number;
  code: string;
  message: string;
  /** Which limit (depth, aliases, tokens, directives, cost), for metrics and tests. */
  reason?: string;
}

export interface CheckedDocument {
  document: DocumentNode;
  operation: OperationDefinitionNode;
}

const advice = (role: LimitRole) =>
  `(limit for the ${role} role: split the query into smaller ones, ask for fewer items, or use a key with higher limits)`;

/**
 * Reads a document within the role's token limit and checks depth, aliases and directives (graphql-armor's rules)
 * and which operation to run. Cheap and run before anything else, so a hostile document costs little.
 */
export function checkDocument(
  schema: GraphQLSchema,
  query: string,
  operationName: string | undefined,
  limits: QueryLimits,
  role: LimitRole,
): CheckedDocument | Refusal {
  let document: DocumentNode;
  try {
    const parser = new MaxTokensParserWLexer(query, { n: limits.tokens, noLocation: false });
    document = parser.parseDocument();
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/^Syntax Error: /, '') : String(error);
    if (/^Token limit/.test(message)) {
      return { status: 400, code: 'QUERY_TOO_COMPLEX', reason: 'tokens', message: `The document has more than ${limits.tokens} tokens ${advice(role)}.` };
    }
    // GraphQL's own "Syntax Error" wording, which clients and editors recognise, with where it is.
    const where = error instanceof GraphQLError && error.locations?.[0] ? ` at line ${error.locations[0].line}, column ${error.locations[0].column}` : '';
    return { status: 400, code: 'GRAPHQL_PARSE_FAILED', message: `Syntax Error${where}: ${message}` };
  }

  const refusals: { reason: string; message: string }[] = [];
  const collect = (reason: string) => [(_context: unknown, error: GraphQLError) => refusals.push({ reason, message: error.message.replace(/^Syntax Error: /, '') })];
  const rules = [
    maxDepthRule({ n: limits.depth, onReject: collect('depth'), propagateOnRejection: false }),
    maxAliasesRule({ n: limits.aliases, onReject: collect('aliases'), propagateOnRejection: false }),
    maxDirectivesRule({ n: limits.directives, onReject: collect('directives'), propagateOnRejection: false }),
  ] as unknown as ValidationRule[];
  validate(schema, document, rules);
  if (refusals.length > 0) {
    return { status: 400, code: 'QUERY_TOO_COMPLEX', reason: refusals[0].reason, message: `${refusals.map((refusal) => refusal.message).join(' ')} ${advice(role)}.` };
  }

  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  if (operations.length === 0) return { status: 400, code: 'BAD_REQUEST', message: 'The document has no operation (query or mutation) to run.' };
  if (!operationName && operations.length > 1) {
    const names = operations.map((operation) => operation.name?.value ?? '(anonymous)').join(', ');
    return {
      status: 400,
      code: 'OPERATION_NAME_REQUIRED',
      message: `The document has ${operations.length} operations (${names}): say which one to run with "operationName".`,
    };
  }
  const operation = operationName ? operations.find((candidate) => candidate.name?.value === operationName) : operations[0];
  if (!operation) {
    const names = operations.map((candidate) => candidate.name?.value ?? '(anonymous)').join(', ');
    return { status: 400, code: 'OPERATION_NAME_REQUIRED', message: `No operation named "${operationName}" in the document (it has: ${names}).` };
  }
  return { document, operation };
}

/** The cost check, run per request because page sizes may come from variables. */
export function checkCost(
  schema: GraphQLSchema,
  checked: CheckedDocument,
  variables: Record<string, unknown> | undefined,
  limits: QueryLimits,
  role: LimitRole,
  assumedListSize: number,
): Refusal | undefined {
  const cost = operationCost(schema, checked.document, checked.operation, variables, { assumedListSize });
  if (cost <= limits.cost) return undefined;
  return {
    status: 400,
    code: 'QUERY_TOO_COMPLEX',
    reason: 'cost',
    message: `The query would cost ${Math.round(cost)} (every field 1, multiplied by page sizes) and the limit is ${limits.cost} ${advice(role)}.`,
  };
}

export function isRefusal(value: CheckedDocument | Refusal | undefined): value is Refusal {
  return value !== undefined && 'code' in value;
}
