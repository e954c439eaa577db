import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../platform/database/embedded';

/**
 * Starts the embedded PostgreSQL in a folder only its owner may enter (a `mktemp -d`, or a clone under /root), then a
 * second one on the same port; prints what happened as JSON. A script, since jest's sandbox cannot load the binaries' module.
 */
async function main(): Promise<void> {
  const port = Number(process.argv[2]);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'nongsan-private-'));
  fs.chmodSync(folder, 0o700);
  const lines: string[] = [];
  const first = await startEmbeddedPostgres({ dataDir: path.join(folder, 'pg'), port, persistent: false, log: (line) => lines.push(line) });
  const client = new Client({ connectionString: first.url });
  await client.connect();
  const { rows } = await client.query<{ version: string }>('SELECT version()');
  await client.end();
  let secondError = '';
  try {
    const second = await startEmbeddedPostgres({ dataDir: path.join(folder, 'other'), port, persistent: false });
    await second.stop();
  } catch (error) {
    secondError = (error as Error).message;
  }
  await first.stop();
  fs.rmSync(folder, { recursive: true, force: true });
  process.stdout.write(`${JSON.stringify({ version: rows[0].version, lines, secondError })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
