import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * The browser tests drive Debian's Chromium through playwright-core (which downloads no browser). The suite's global
 * set-up installs it on a fresh Debian or Ubuntu machine (CI, running as root) before any test runs, since apt-get
 * takes longer than a test's timeout; elsewhere CHROMIUM_PATH names a Chromium or Chrome.
 */
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function findChromium(): string | undefined {
  const configured = process.env.CHROMIUM_PATH?.trim();
  if (configured) return configured;
  return CANDIDATES.find((candidate) => fs.existsSync(candidate));
}

export function chromiumPath(): string {
  const found = findChromium();
  if (!found) throw new Error('No Chromium for the browser tests: install it (apt-get install -y chromium) or set CHROMIUM_PATH to one.');
  if (!fs.existsSync(found)) throw new Error(`CHROMIUM_PATH is ${found}, which does not exist.`);
  return found;
}

/** Installs Debian's Chromium when none is found and apt-get can (as root); says why not otherwise. */
export function installChromiumIfMissing(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): void {
  if (findChromium()) return;
  if (process.getuid?.() !== 0 || !fs.existsSync('/usr/bin/apt-get')) {
    log('No Chromium found and apt-get cannot run here: the browser tests (test/browser) will fail. Install chromium or set CHROMIUM_PATH.');
    return;
  }
  log('Installing Chromium for the browser tests (apt-get install -y chromium)...');
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { stdio: 'ignore', env });
  } catch (error) {
    log(`Chromium could not be installed (${(error as Error).message}): the browser tests will fail.`);
  }
}
