import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { Client } from 'pg';

export interface HubEnvironment {
  gatewayUrl: string;
  databaseUrl: string;
  subgraphUrls: Record<string, string>;
  /** The test identity provider (see access.ts): its issuer, audience and private signing key (PKCS#8 PEM). */
  identityProvider: { issuer: string; audience: string; privateKeyPem: string; keyId: string };
}

/** The hub started by global-setup.ts. */
export function hub(): HubEnvironment {
  const raw = process.env.NONGSAN_TEST_HUB;
  if (!raw) throw new Error('The test hub is not running: run the tests with `npm test`.');
  return JSON.parse(raw) as HubEnvironment;
}

export interface GraphqlResponse<T> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** Sends a query over HTTP, as a partner app would; `headers` carry a credential (see access.ts). */
export async function post<T>(
  url: string,
  query: string | TypedDocumentNode<T, unknown>,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphqlResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: typeof query === 'string' ? query : print(query), variables }),
  });
  return (await response.json()) as GraphqlResponse<T>;
}

/** Sends a query to the gateway and fails the test on any GraphQL error. */
export async function query<T, V extends Record<string, unknown> = Record<string, unknown>>(
  document: string | TypedDocumentNode<T, V>,
  variables?: V,
  headers?: Record<string, string>,
): Promise<T> {
  const result = await post<T>(hub().gatewayUrl, document as TypedDocumentNode<T, unknown>, variables, headers);
  if (result.errors?.length) throw new Error(`GraphQL errors: ${result.errors.map((error) => error.message).join('; ')}`);
  return result.data as T;
}

/** SQL statements the subgraphs have sent so far, read from their /metrics endpoints. */
export async function statementCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [name, url] of Object.entries(hub().subgraphUrls)) {
    const text = await (await fetch(url.replace(/\/graphql$/, '/metrics'))).text();
    const match = /^nongsan_sql_statements_total\{[^}]*\} (\d+)$/m.exec(text);
    if (!match) throw new Error(`No statement counter on ${url}`);
    counts[name] = Number(match[1]);
  }
  return counts;
}

/** Statements each subgraph sends while `action` runs (the suite runs its files one at a time). */
export async function countStatements(action: () => Promise<unknown>): Promise<Record<string, number>> {
  const before = await statementCounts();
  await action();
  const after = await statementCounts();
  return Object.fromEntries(Object.keys(after).map((name) => [name, after[name] - before[name]]));
}

export async function withDatabase<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: hub().databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
