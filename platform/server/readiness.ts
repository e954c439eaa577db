import { Client } from 'pg';
import { json, type HttpResponse } from './http';

const CHECK_TIMEOUT_MS = 2000;

export interface Check {
  name: string;
  ok: boolean;
  detail?: string;
}

/** `/ready`: 200 when every check passes (or, with `?partial`, at least one), else 503 naming what failed. */
export function readinessResponse(checks: Check[], draining: boolean, partial = false): HttpResponse {
  const passed = checks.filter((check) => check.ok).length;
  const ready = !draining && (partial ? passed > 0 : passed === checks.length);
  return json(ready ? 200 : 503, {
    status: draining ? 'draining' : ready ? 'ready' : 'not ready',
    checks: Object.fromEntries(checks.map((check) => [check.name, check.ok ? 'ok' : (check.detail ?? 'failed')])),
  });
}

/**
 * The subgraph's database answers and every migration this build knows is applied. On a connection of its own, so
 * probes neither wait behind a busy pool nor count in `nongsan_sql_statements_total`.
 */
export async function databaseChecks(url: string, schema: string, migrations: string[]): Promise<Check[]> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: CHECK_TIMEOUT_MS, statement_timeout: CHECK_TIMEOUT_MS });
  try {
    await client.connect();
  } catch (error) {
    return [
      { name: 'database', ok: false, detail: (error as Error).message || 'unreachable' },
      { name: 'migrations', ok: false, detail: 'database unreachable' },
    ];
  }
  try {
    const { rows } = await client.query<{ name: string }>(`SELECT name FROM "${schema}".mikro_orm_migrations`);
    const applied = new Set(rows.map((row) => row.name.replace(/\.[jt]s$/, '')));
    const pending = migrations.filter((name) => !applied.has(name));
    return [
      { name: 'database', ok: true },
      { name: 'migrations', ok: pending.length === 0, detail: `pending: ${pending.join(', ')}` },
    ];
  } catch (error) {
    return [
      { name: 'database', ok: true },
      { name: 'migrations', ok: false, detail: (error as Error).message },
    ];
  } finally {
    await client.end().catch(() => {});
  }
}

/** Each subgraph's `/health` (next to its GraphQL path) answers within the timeout: it is up and reachable from here. */
export async function subgraphChecks(urls: Record<string, string>): Promise<Check[]> {
  return Promise.all(
    Object.entries(urls).map(async ([name, url]): Promise<Check> => {
      try {
        const response = await fetch(url.replace(/\/graphql\/?$/, '') + '/health', { signal: AbortSignal.timeout(CHECK_TIMEOUT_MS) });
        return { name, ok: response.ok, detail: `HTTP ${response.status}` };
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause?.code;
        return { name, ok: false, detail: cause ?? (error as Error).name };
      }
    }),
  );
}
