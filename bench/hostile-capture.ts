import fs from 'node:fs';
import path from 'node:path';
import { SHOWCASE } from '../demo/dataset';
import { startHub } from '../scripts/hub';
import { repoRoot } from '../platform/repo-root';
import { argument, machineFigures, runBenchmark, scratchDatabase, writeFigures } from './ingest-support';

/**
 * One request must not stop the hub: the all-in-one hub (demo data, fresh embedded PostgreSQL) answers Journey
 * queries in a loop, first alone, then while a hostile EPCIS capture document of about 60 MB (50,000 events, each
 * with one key the schema refuses, padded with a long extension text) is posted and read. Journey latency
 * percentiles of both phases, and how the capture ended, go to bench/results/hostile-capture.json.
 *
 *   npm run bench:hostile -- [--events 50000] [--megabytes 60] [--clients 4] [--port 55443]
 */
async function main(): Promise<void> {
  const events = Number(argument('--events') ?? 50_000);
  const megabytes = Number(argument('--megabytes') ?? 60);
  const clients = Number(argument('--clients') ?? 4);
  const body = hostileDocument(events, megabytes);

  const scratch = await scratchDatabase('hostile', 55443);
  const hub = await startHub({ databaseUrl: scratch.url, gatewayPort: 0, subgraphPort: () => 0, loadDemoData: true });
  const captureUrl = hub.subgraphs.find((subgraph) => subgraph.name === 'traceability')!.url.replace(/\/graphql$/, '/epcis/capture');
  const query = fs.readFileSync(path.join(repoRoot(), 'bench', 'operations', 'journey.graphql'), 'utf8');
  const journey = JSON.stringify({ query, operationName: 'Journey', variables: { id: SHOWCASE.custardAppleCooperative } });
  try {
    const ask = async (): Promise<number> => {
      const started = process.hrtime.bigint();
      const response = await fetch(hub.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: journey });
      const answer = (await response.json()) as { data?: { household?: unknown }; errors?: unknown[] };
      if (!answer.data?.household || answer.errors) throw new Error(`Journey failed: ${JSON.stringify(answer).slice(0, 300)}`);
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    /** Journeys from `clients` loops until `done` says stop; their latencies in milliseconds. */
    const loop = async (done: () => boolean): Promise<number[]> => {
      const latencies: number[] = [];
      await Promise.all(Array.from({ length: clients }, async () => {
        while (!done()) latencies.push(await ask());
      }));
      return latencies;
    };
    for (let warm = 0; warm < 20; warm++) await ask();
    const quietUntil = Date.now() + 10_000;
    const quiet = await loop(() => Date.now() > quietUntil);

    let finished = false;
    const captureStarted = Date.now();
    const capture = (async () => {
      const response = await fetch(captureUrl, { method: 'POST', headers: { 'content-type': 'application/ld+json' }, body });
      const accepted = { status: response.status, seconds: (Date.now() - captureStarted) / 1000, body: (await response.json()) as Record<string, unknown> };
      let job = accepted.body;
      const location = response.headers.get('location');
      while (location && job.running) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        job = (await (await fetch(new URL(location, captureUrl))).json()) as Record<string, unknown>;
      }
      finished = true;
      return { answeredStatus: accepted.status, answeredAfterSeconds: accepted.seconds, finishedAfterSeconds: (Date.now() - captureStarted) / 1000, job };
    })();
    const during = await loop(() => finished);
    const outcome = await capture;

    const figures = {
      measuredAt: new Date().toISOString(),
      machine: machineFigures(),
      database: scratch.label,
      document: { megabytes: round(body.length / 2 ** 20), events, invalidEvents: events },
      capture: {
        answeredStatus: outcome.answeredStatus,
        answeredAfterSeconds: round(outcome.answeredAfterSeconds),
        finishedAfterSeconds: round(outcome.finishedAfterSeconds),
        success: outcome.job.success,
        rejected: outcome.job.rejected,
        errorsListed: Array.isArray(outcome.job.errors) ? outcome.job.errors.length : null,
      },
      clients,
      journeyAlone: percentiles(quiet),
      journeyDuringCapture: percentiles(during),
    };
    console.log(JSON.stringify(figures, null, 2));
    writeFigures('hostile-capture.json', figures);
  } finally {
    await hub.stop();
    await scratch.stop();
  }
}

/** `events` harvest events, each with a key no EPCIS schema allows, padded to about `megabytes` in all. */
function hostileDocument(events: number, megabytes: number): Buffer {
  const padding = Math.max(0, Math.floor((megabytes * 2 ** 20) / events) - 520);
  const list = Array.from({ length: events }, (_, index) => ({
    type: 'ObjectEvent',
    eventID: `urn:uuid:00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    eventTime: '2026-06-01T05:00:00+07:00',
    eventTimeZoneOffset: '+07:00',
    action: 'ADD',
    bizStep: 'commissioning',
    quantityList: [{ epcClass: `urn:epc:class:lgtin:8930000.099999.H${index}`, quantity: 100, uom: 'KGM' }],
    bizLocation: { id: 'urn:epc:id:sgln:8930000.99999.0' },
    'cbvmda:note': 'x'.repeat(padding),
    badKey: index,
  }));
  return Buffer.from(JSON.stringify({ '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'], type: 'EPCISDocument', schemaVersion: '2.0', creationDate: '2026-06-01T00:00:00Z', epcisBody: { eventList: list } }));
}

function percentiles(latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (share: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? NaN);
  return { requests: sorted.length, p50Ms: at(0.5), p95Ms: at(0.95), p99Ms: at(0.99), maxMs: round(sorted[sorted.length - 1] ?? NaN) };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

runBenchmark(main);
