import http from 'node:http';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { buildSchema, execute, parse, validate, type DocumentNode } from 'graphql';
import { FLOOR_KINDS, type FloorKind } from './processes';

/**
 * The floor under a subgraph call, for `npm run bench:subgraph-call`: a one-field schema answered by a bare
 * node:http server running graphql-js (documents parsed and validated once), or by Apollo Server 5 with its defaults
 * behind the same server. What any call costs on this machine before the hub's own work (context, access,
 * admission, logs, metrics) and its statements.
 *
 *   node dist/bench/floor-server.js <graphql-js|apollo-server> <port>
 */
const schema = buildSchema('type Query { hello: String }');

interface Response {
  status: number;
  headers: Record<string, string>;
  body: string;
}

type Answer = (body: { query: string; variables?: Record<string, unknown> }, headers: http.IncomingHttpHeaders) => Promise<Response>;

const JSON_HEADERS = { 'content-type': 'application/json' };

function graphqlJs(): Answer {
  const documents = new Map<string, DocumentNode>();
  return async ({ query, variables }): Promise<Response> => {
    let document = documents.get(query);
    if (!document) {
      document = parse(query);
      const errors = validate(schema, document);
      if (errors.length) return { status: 400, headers: JSON_HEADERS, body: JSON.stringify({ errors }) };
      documents.set(query, document);
    }
    const result = await execute({ schema, document, variableValues: variables, rootValue: { hello: 'xin chào' } });
    return { status: 200, headers: JSON_HEADERS, body: JSON.stringify(result) };
  };
}

async function apolloServer(): Promise<Answer> {
  const apollo = new ApolloServer({ schema });
  await apollo.start();
  return async (body, incoming) => {
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(incoming)) if (typeof value === 'string') headers.set(name, value);
    const result = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest: { method: 'POST', headers, search: '', body }, context: async () => ({}) });
    if (result.body.kind !== 'complete') throw new Error('incremental delivery is not expected here');
    return { status: result.status ?? 200, headers: Object.fromEntries(result.headers), body: result.body.string };
  };
}

async function main(): Promise<void> {
  const [kind, port] = process.argv.slice(2);
  if (!FLOOR_KINDS.includes(kind as FloorKind)) throw new Error(`Usage: floor-server.js <${FLOOR_KINDS.join('|')}> <port>`);
  const answer = kind === 'graphql-js' ? graphqlJs() : await apolloServer();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      answer(JSON.parse(Buffer.concat(chunks).toString('utf8')), req.headers).then(
        (response) => res.writeHead(response.status, response.headers).end(response.body),
        (error: Error) => res.writeHead(500).end(error.message),
      );
    });
  });
  server.listen(Number(port), '127.0.0.1', () => console.log(`floor server ready at http://127.0.0.1:${port}/graphql`));
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
