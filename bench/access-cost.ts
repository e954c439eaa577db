import { KeyStore } from '../platform/access/key-store';
import { startHub } from '../scripts/hub';
import { argument, machineFigures, scratchDatabase, writeFigures } from './ingest-support';

/**
 * What the access layer costs per request: the same small query through the gateway anonymously (no identity
 * travels), with an API key (one indexed read of the key, the identity signed per subgraph request and verified
 * there), and with a key reading personal fields (the rule checks and the processing log's insert besides).
 * Requests one at a time, on the demo hub over a fresh embedded PostgreSQL. Figures: bench/results/access-cost.json.
 *
 *   npm run bench:access -- [--requests 400] [--port 55443]
 */
const HOUSEHOLD = 'HH-03980-00001';
const PUBLIC_QUERY = `{ household(id: "${HOUSEHOLD}") { displayName kindLabel commune { name } } }`;
const PERSONAL_QUERY = `{ household(id: "${HOUSEHOLD}") { displayName kindLabel commune { name } headName phone } }`;

async function main(): Promise<void> {
  const requests = Number(argument('--requests') ?? 400);
  const scratch = await scratchDatabase('access', 55443);
  const hub = await startHub({ databaseUrl: scratch.url, gatewayPort: 0, subgraphPort: () => 0, loadDemoData: true });
  const keys = await KeyStore.open(scratch.url);
  try {
    const { key } = await keys.create({ role: 'official', owner: 'access-cost benchmark' });
    const run = async (label: string, query: string, headers: Record<string, string>) => {
      const send = async () => {
        const response = await fetch(hub.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
        const body = (await response.json()) as { errors?: { message: string }[] };
        if (body.errors?.length) throw new Error(`${label}: ${body.errors[0].message}`);
      };
      for (let warm = 0; warm < 50; warm += 1) await send();
      const times: number[] = [];
      for (let index = 0; index < requests; index += 1) {
        const started = process.hrtime.bigint();
        await send();
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      times.sort((a, b) => a - b);
      const at = (share: number) => Math.round(times[Math.min(times.length - 1, Math.floor(share * times.length))] * 100) / 100;
      return { requests, medianMs: at(0.5), p95Ms: at(0.95), p99Ms: at(0.99) };
    };
    const anonymous = await run('anonymous', PUBLIC_QUERY, {});
    const withKey = await run('with a key', PUBLIC_QUERY, { authorization: `Bearer ${key}` });
    const personal = await run('with a key, personal fields', PERSONAL_QUERY, { authorization: `Bearer ${key}` });
    writeFigures('access-cost.json', {
      measuredAt: new Date().toISOString(),
      machine: machineFigures(),
      database: scratch.label,
      query: 'household(id) with displayName, kindLabel, commune.name (registry only), one request at a time through the gateway',
      anonymous,
      withApiKey: withKey,
      withApiKeyReadingPersonalFields: personal,
      costOfKeyMedianMs: Math.round((withKey.medianMs - anonymous.medianMs) * 100) / 100,
      costOfPersonalReadMedianMs: Math.round((personal.medianMs - withKey.medianMs) * 100) / 100,
    });
  } finally {
    await keys.close();
    await hub.stop();
    await scratch.stop();
  }
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
