import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../platform/database/embedded';
import { buildWeb } from '../../scripts/build-web';
import { installChromiumIfMissing } from './chromium';
import { startHub, type RunningHub } from '../../scripts/hub';
import type { HubEnvironment } from './hub';
import { freePort } from './free-port';
import { testIdentityProvider } from './identity-provider';

/**
 * Starts one hub for the whole suite, as a user would run it: a real PostgreSQL (its own throw-away
 * embedded cluster, or a scratch database on DATABASE_URL), the four subgraphs and the gateway over HTTP,
 * demo data loaded. Tests reach it through the URLs put in the environment.
 */
export default async function globalSetup(): Promise<void> {
  process.env.APOLLO_TELEMETRY_DISABLED = '1';
  // The explorer and dashboard the hub serves are bundled by Vite (skipped while their sources are unchanged).
  await buildWeb();
  installChromiumIfMissing();
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl: string;
  let dropScratch: (() => Promise<void>) | undefined;
  if (process.env.DATABASE_URL) {
    ({ url: databaseUrl, drop: dropScratch } = await scratchDatabase(process.env.DATABASE_URL));
  } else {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nongsan-test-'));
    // PostgreSQL runs as its own user when the suite runs as root: it must be able to enter the folder.
    fs.chmodSync(dataDir, 0o755);
    embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), port: await freePort(), persistent: false });
    databaseUrl = embedded.url;
  }
  const identityProvider = testIdentityProvider(fs.mkdtempSync(path.join(os.tmpdir(), 'nongsan-idp-')));
  const hub: RunningHub = await startHub({ databaseUrl, gatewayPort: 0, subgraphPort: () => 0, loadDemoData: true, jwt: identityProvider.jwt });
  const environment: HubEnvironment = {
    identityProvider: identityProvider.signer,
    gatewayUrl: hub.gatewayUrl,
    databaseUrl,
    subgraphUrls: Object.fromEntries(hub.subgraphs.map((subgraph) => [subgraph.name, subgraph.url])),
  };
  process.env.NONGSAN_TEST_HUB = JSON.stringify(environment);
  (globalThis as Record<string, unknown>).__nongsanTestHub = async () => {
    await hub.stop();
    await dropScratch?.();
    await embedded?.stop();
  };
}

/** With DATABASE_URL the suite still starts from empty tables: a database of its own, dropped afterwards. */
async function scratchDatabase(serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `nongsan_test_${Date.now()}_${process.pid}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}
