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
});
