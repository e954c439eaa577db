import path from 'node:path';
import { repoRoot } from '../repo-root';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded';

export const DEFAULT_EMBEDDED_PORT = 54329;

/**
 * `DATABASE_URL` when given; otherwise the embedded PostgreSQL, its data kept in `.data/postgres`
 * (git-ignored) so demo data and imports survive restarts. `settings` apply to the embedded server only.
 */
export async function defaultDatabase(
  log: (line: string) => void = () => {},
  settings?: Record<string, string>,
): Promise<{ url: string; embedded?: EmbeddedDatabase }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL };
  const embedded = await startEmbeddedPostgres({
    dataDir: process.env.DATABASE_DIR ?? path.join(repoRoot(), '.data', 'postgres'),
    port: Number(process.env.DATABASE_PORT ?? DEFAULT_EMBEDDED_PORT),
    log,
    settings,
  });
  return { url: embedded.url, embedded };
}

/** A subgraph deployed on its own may have its own database: `REGISTRY_DATABASE_URL` and so on. */
export function ownSubgraphDatabaseUrl(subgraphName: string): string | undefined {
  return process.env[`${subgraphName.toUpperCase()}_DATABASE_URL`];
}

/** The subgraph's own database, else the shared one. */
export function subgraphDatabaseUrl(subgraphName: string, fallback: string): string {
  return ownSubgraphDatabaseUrl(subgraphName) ?? fallback;
}

/** Hides the password of a connection URL in logs. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
