import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * The browser tests drive Debian's Chromium through playwright-core (which downloads no browser). The suite's global
 * set-up installs it on a fresh Debian or Ubuntu machine (CI, running as root) before any test runs, since apt-get
 * takes longer than a test's timeout; elsewhere CHROMIUM_PATH names a Chromium or Chrome.
 *
 * Debian's headless shell comes first: it is the build Playwright itself runs headless tests on. The full browser's
 * headless mode draws only when its compositor schedules a frame, and on a loaded CI run it once stopped drawing the
 * dashboard altogether (a screenshot and then a click, which waits for two animation frames, timed out).
 */
const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';
const FULL_BROWSERS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The browser CHROMIUM_PATH names, if any: it is used as given, never installed over. */
const configuredChromium = (): string | undefined => process.env.CHROMIUM_PATH?.trim() || undefined;

export function findChromium(): string | undefined {
  return configuredChromium() ?? [HEADLESS_SHELL, ...FULL_BROWSERS].find((candidate) => fs.existsSync(candidate));
}

export function chromiumPath(): string {
  const found = findChromium();
  if (!found) throw new Error('No Chromium for the browser tests: install it (apt-get install -y chromium-headless-shell) or set CHROMIUM_PATH to one.');
  if (!fs.existsSync(found)) throw new Error(`CHROMIUM_PATH is ${found}, which does not exist.`);
  return found;
}

/** Installs Debian's Chromium headless shell when it is missing and apt-get can (as root); says why not otherwise. */
export function installChromiumIfMissing(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): void {
  if (configuredChromium() || fs.existsSync(HEADLESS_SHELL)) return;
  if (process.getuid?.() !== 0 || !fs.existsSync('/usr/bin/apt-get')) {
    if (!findChromium()) log('No Chromium found and apt-get cannot run here: the browser tests (test/browser) will fail. Install chromium-headless-shell or set CHROMIUM_PATH.');
    return;
  }
  log('Installing Chromium for the browser tests (apt-get install -y chromium-headless-shell)...');
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium-headless-shell'], { stdio: 'ignore', env });
  } catch (error) {
    const fallback = findChromium();
    log(`Chromium's headless shell could not be installed (${(error as Error).message}): ${fallback ? `the browser tests use ${fallback}` : 'the browser tests will fail'}.`);
  }
}
