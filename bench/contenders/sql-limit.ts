import http from 'node:http';
import { Pool } from 'pg';
import { readLimitQueries, type LimitQuery } from '../limit';

/**
 * The limit: one hand-written SQL statement per operation (bench/limit/<operation>.sql) that joins across the
 * subgraphs' schemas and builds the whole answer as JSON inside PostgreSQL, behind the thinnest HTTP endpoint:
 * POST /<operation> with `{"variables": {...}}` answers `{"data": ...}`, as the gateways do.
 */
async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is required.');
  const queries = new Map(readLimitQueries().map((query) => [query.operation, query]));
  const pool = new Pool({ connectionString: databaseUrl, max: Number(process.env.POOL_SIZE ?? 10) });
  let statements = 0;

  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/health') return send(res, 200, '{"status":"ok"}');
    if (req.method === 'GET' && path === '/metrics') {
      return send(res, 200, `nongsan_sql_statements_total{subgraph="limit"} ${statements}\n`, 'text/plain; version=0.0.4');
    }
    const query = req.method === 'POST' ? queries.get(path.slice(1)) : undefined;
    if (!query) return send(res, 404, JSON.stringify({ errors: [{ message: `No operation at ${req.method} ${path}.` }] }));
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      answer(query, Buffer.concat(chunks).toString('utf8')).then(
        (body) => send(res, 200, body),
        (error: Error) => send(res, 500, JSON.stringify({ errors: [{ message: error.message }] })),
      );
    });
  });

  async function answer(query: LimitQuery, body: string): Promise<string> {
    const variables = (JSON.parse(body || '{}') as { variables?: Record<string, unknown> }).variables ?? {};
    statements += 1;
    const { rows } = await pool.query<{ data: string }>(query.sql, query.parameters(variables));
    // The statement returns the answer as JSON text: it is passed on without being parsed.
    return `{"data":${rows[0].data}}`;
  }

  const port = Number(process.env.PORT ?? 4000);
  const host = process.env.HOST ?? '127.0.0.1';
  server.listen(port, host, () => console.log(`SQL limit at http://${host}:${port}/`));
  const stop = () => server.close(() => pool.end().then(() => process.exit(0)));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

function send(res: http.ServerResponse, status: number, body: string, type = 'application/json; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
