import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../platform/database/embedded';
import { openSubgraphDatabase, type SubgraphDatabase } from '../platform/database/orm';
import { repoRoot } from '../platform/repo-root';
import type { SubgraphDefinition } from '../platform/subgraph';
import { registry } from '../subgraphs/registry';
import { demoLoaderFor } from '../demo/loaders';

/** Where the registry benchmarks' throw-away PostgreSQL listens unless BENCH_DATABASE_PORT says otherwise. */
const DEFAULT_PORT = 54349;

export interface BenchRegistry {
  database: SubgraphDatabase;
  workDir: string;
  stop(): Promise<void>;
}

/**
 * A registry of its own for a benchmark: a fresh embedded PostgreSQL (or a scratch database on DATABASE_URL),
 * migrated, with the places and the demo households loaded.
 */
export async function benchRegistry(): Promise<BenchRegistry> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nongsan-bench-registry-'));
  fs.chmodSync(workDir, 0o755);
  let url: string;
  let stopDatabase: () => Promise<void>;
  if (process.env.DATABASE_URL) {
    const name = `nongsan_bench_${Date.now()}`;
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const scratch = new URL(process.env.DATABASE_URL);
    scratch.pathname = `/${name}`;
    url = scratch.toString();
    stopDatabase = async () => {
      const client = new Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    };
  } else {
    const embedded = await startEmbeddedPostgres({ dataDir: path.join(workDir, 'pg'), port: Number(process.env.BENCH_DATABASE_PORT ?? DEFAULT_PORT), persistent: false });
    url = embedded.url;
    stopDatabase = () => embedded.stop();
  }
  const database = await openSubgraphDatabase(registry as SubgraphDefinition, url);
  await registry.loadReferenceData!(database.orm.em.fork());
  await demoLoaderFor('registry')!(database.orm.em.fork());
  return {
    database,
    workDir,
    stop: async () => {
      await database.close();
      await stopDatabase();
      fs.rmSync(workDir, { recursive: true, force: true });
    },
  };
}

/** `bench/results/<name>-<YYYY-MM-DD><suffix>.json` and `.md` (a suffix keeps an earlier run of the day). */
export function writeBenchResults(name: string, figures: unknown, markdown: string, suffix = ''): { json: string; md: string } {
  const directory = path.join(repoRoot(), 'bench', 'results');
  fs.mkdirSync(directory, { recursive: true });
  const stem = path.join(directory, `${name}-${new Date().toISOString().slice(0, 10)}${suffix}`);
  fs.writeFileSync(`${stem}.json`, JSON.stringify(figures, null, 2) + '\n');
  fs.writeFileSync(`${stem}.md`, markdown);
  return { json: `${stem}.json`, md: `${stem}.md` };
}

export function machine(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node.js ${process.version}, ${os.platform()}`;
}
