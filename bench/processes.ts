import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../platform/repo-root';
import { subgraphPortVariable } from '../platform/server/listen-address';
import { BENCH_PRODUCTION_ENV } from './production-env';

/** A server the benchmark started as a child process; its output goes to a log file, not the console. */
export interface ServerProcess {
  name: string;
  pid: number;
  logFile: string;
  /** Resident memory now, in bytes (null once the process is gone). */
  rss(): number | null;
  /** Peak resident memory since the process started, in bytes (VmHWM; the sampled peak where /proc is missing). */
  peakRss(): number | null;
  /** CPU time the process has used so far (user and system), in seconds; null without /proc. */
  cpuSeconds(): number | null;
  stop(): Promise<void>;
}

export interface StartOptions {
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  logDir: string;
  /** Resolves once the server answers; polled until `timeoutMs`. */
  ready: () => Promise<boolean>;
  timeoutMs?: number;
}

const READY_POLL_MS = 200;

export async function startServer(options: StartOptions): Promise<ServerProcess> {
  fs.mkdirSync(options.logDir, { recursive: true });
  const file = logFile(options.logDir, options.name);
  const log = fs.openSync(file, 'w');
  const child: ChildProcess = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    });
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${options.name} could not be started (${options.command} ${options.args.join(' ')}).`);

  // Without /proc (macOS), the peak is what the samples saw.
  let sampledPeak = 0;
  const sample = () => {
    const now = readRss(pid);
    if (now !== null && now > sampledPeak) sampledPeak = now;
    return now;
  };

  const server: ServerProcess = {
    name: options.name,
    pid,
    logFile: file,
    rss: () => (exited ? null : sample()),
    peakRss: () => (exited ? null : (readStatusField(pid, 'VmHWM') ?? Math.max(sampledPeak, sample() ?? 0))),
    cpuSeconds: () => (exited ? null : readCpuSeconds(pid)),
    stop: async () => {
      if (!exited) {
        child.kill('SIGTERM');
        const killed = await Promise.race([exit.then(() => true), delay(10_000).then(() => false)]);
        if (!killed) {
          child.kill('SIGKILL');
          await exit;
        }
      }
    },
  };

  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  while (Date.now() < deadline) {
    if (exited) {
      throw new Error(`${options.name} stopped while starting (exit ${exited.code ?? exited.signal}); see ${file}:\n${tail(file)}`);
    }
    if (await options.ready().catch(() => false)) return server;
    await delay(READY_POLL_MS);
  }
  await server.stop();
  throw new Error(`${options.name} did not answer within ${(options.timeoutMs ?? 120_000) / 1000} s; see ${file}:\n${tail(file)}`);
}

/**
 * Subgraphs in one process of their own, in production mode, as `npm run subgraph -- <name> [<name>...]` runs them
 * (one, or several sharing the process, each on its port); resolves once each has loaded its demo data (when
 * `demoData`). BENCH_SUBGRAPH_NODE_ARGS="--cpu-prof --cpu-prof-dir=..." profiles it (NODE_OPTIONS refuses that flag).
 */
export function startSubgraphProcess(options: { subgraphs: { name: string; port: number }[]; databaseUrl: string; logDir: string; demoData: boolean }): Promise<ServerProcess> {
  const names = options.subgraphs.map((subgraph) => subgraph.name);
  const label = `subgraph-${names.join('-')}`;
  const nodeArgs = (process.env.BENCH_SUBGRAPH_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== '');
  // Several: PORT emptied, so a PORT in the caller's environment does not meet the script's refusal of it.
  const ports =
    options.subgraphs.length === 1
      ? { PORT: String(options.subgraphs[0].port) }
      : { PORT: '', ...Object.fromEntries(options.subgraphs.map((subgraph) => [subgraphPortVariable(subgraph.name), String(subgraph.port)])) };
  return startServer({
    name: label,
    command: process.execPath,
    args: [...nodeArgs, path.join(repoRoot(), 'dist', 'scripts', 'subgraph.js'), ...names],
    env: { ...process.env, ...BENCH_PRODUCTION_ENV, DATABASE_URL: options.databaseUrl, ...ports, DEMO_DATA: options.demoData ? '1' : '0' },
    cwd: repoRoot(),
    logDir: options.logDir,
    // It serves /health before it has loaded the demo data; this line comes after, for each subgraph.
    ready: async () => names.every((name) => logSays(logFile(options.logDir, label), `${name} subgraph ready at`)),
    timeoutMs: 600_000,
  });
}

/** The servers of bench/floor-server.ts: graphql-js behind node:http, or Apollo Server alone. */
export const FLOOR_KINDS = ['graphql-js', 'apollo-server'] as const;
export type FloorKind = (typeof FLOOR_KINDS)[number];

/** A floor server (bench/floor-server.ts) in its own process, in production mode; resolves once it listens. */
export function startFloorServer(options: { kind: FloorKind; port: number; logDir: string }): Promise<ServerProcess> {
  const label = `floor-${options.kind}`;
  return startServer({
    name: label,
    command: process.execPath,
    args: [path.join(repoRoot(), 'dist', 'bench', 'floor-server.js'), options.kind, String(options.port)],
    env: { ...process.env, NODE_ENV: 'production' },
    cwd: repoRoot(),
    logDir: options.logDir,
    ready: async () => logSays(logFile(options.logDir, label), 'floor server ready'),
  });
}

/** Where a server's output goes. */
export function logFile(logDir: string, name: string): string {
  return path.join(logDir, `${name}.log`);
}

/** Whether a server has written this text to its log yet. */
export function logSays(file: string, text: string): boolean {
  try {
    return fs.readFileSync(file, 'utf8').includes(text);
  } catch {
    return false;
  }
}

/** Current resident memory of a process in bytes, from /proc or else `ps`. */
export function readRss(pid: number): number | null {
  const fromProc = readStatusField(pid, 'VmRSS');
  if (fromProc !== null) return fromProc;
  if (process.platform === 'linux') return null;
  try {
    const kib = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim());
    return Number.isFinite(kib) && kib > 0 ? kib * 1024 : null;
  } catch {
    return null;
  }
}

/** Clock ticks per second of /proc/<pid>/stat: 100 on every Linux the benchmark is likely to meet. */
const CLOCK_TICKS_PER_SECOND = 100;

/** User and system CPU time of a process in seconds, from /proc/<pid>/stat; null without /proc. */
export function readCpuSeconds(pid: number): number | null {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  return parseCpuSeconds(stat);
}

/** Fields 14 and 15 (utime, stime) of /proc/<pid>/stat, counted after the command name, which may hold spaces. */
export function parseCpuSeconds(stat: string): number | null {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const user = Number(fields[11]);
  const system = Number(fields[12]);
  return Number.isFinite(user) && Number.isFinite(system) ? (user + system) / CLOCK_TICKS_PER_SECOND : null;
}

/** A `kB` field of /proc/<pid>/status (VmRSS, VmHWM) in bytes; null without /proc or once the process is gone. */
export function readStatusField(pid: number, field: string): number | null {
  let status: string;
  try {
    status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  return parseStatusField(status, field);
}

export function parseStatusField(status: string, field: string): number | null {
  const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB$`, 'm').exec(status);
  return match ? Number(match[1]) * 1024 : null;
}

/** Samples a process's resident memory while `work` runs; resolves with the work's result and the peak seen. */
export async function samplePeakRss<T>(server: ServerProcess, work: () => Promise<T>, everyMs = 100): Promise<{ result: T; peakRss: number | null }> {
  let peak: number | null = server.rss();
  const timer = setInterval(() => {
    const now = server.rss();
    if (now !== null && (peak === null || now > peak)) peak = now;
  }, everyMs);
  try {
    const result = await work();
    const last = server.rss();
    if (last !== null && (peak === null || last > peak)) peak = last;
    return { result, peakRss: peak };
  } finally {
    clearInterval(timer);
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function tail(file: string, lines = 20): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
