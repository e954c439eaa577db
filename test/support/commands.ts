import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const REGISTER = path.join(__dirname, 'register-typescript.js');

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts a TypeScript script of the repository in its own Node.js process, from the sources. */
export function spawnScript(script: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ['-r', REGISTER, path.join(ROOT, script), ...args], {
    cwd: ROOT,
    env: { ...process.env, APOLLO_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs a script to its end, as a user runs a command, and collects what it printed. */
export function runScript(script: string, args: string[], env: Record<string, string> = {}): Promise<CommandResult> {
  const child = spawnScript(script, args, env);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
