import { startPreparedSubgraph } from '../platform/server/subgraph-server';
import type { SubgraphDefinition } from '../platform/subgraph';
import { traceability } from '../subgraphs/traceability';
import { readCaptureDocument } from '../subgraphs/traceability/ingest/epcis/document';
import { claimForSource } from '../subgraphs/traceability/ingest/epcis/source-claims';
import { IDENTITY_HEADER, signIdentity } from '../platform/access/identity-header';
import { viewerOf } from '../platform/access/roles';
import { argument, countRows, machineFigures, runBenchmark, scratchDatabase, writeFigures } from './ingest-support';

/**
 * Throughput of EPCIS capture: one synthetic EPCISDocument of 100,000 events (20,000 lots from harvest to delivery:
 * commissioning with lot master data and a certificate, inspecting, packing, shipping, receiving), posted once to
 * `POST /epcis/capture` of the traceability subgraph alone, on a fresh embedded PostgreSQL (or DATABASE_URL), then
 * posted again (all unchanged). Figures go to bench/results/epcis-capture.json.
 *
 *   npm run bench:epcis -- [--events 100000] [--port 55442]
 */
async function main(): Promise<void> {
  const eventCount = Number(argument('--events') ?? 100_000);
  const document = syntheticJourneys(eventCount);
  const body = JSON.stringify(document);

  // Reading and validation alone (JSON parse, GS1 schema, derivation), in this process: the part without database.
  const readStarted = process.hrtime.bigint();
  const read = readCaptureDocument(JSON.parse(body));
  const readSeconds = Number(process.hrtime.bigint() - readStarted) / 1e9;
  if (read.events.length !== eventCount) throw new Error(`The synthetic document is not valid: ${JSON.stringify([...read.eventProblems].slice(0, 3))}`);

  const scratch = await scratchDatabase('epcis', 55442);
  const databaseUrl = scratch.url;
  const running = await startPreparedSubgraph(traceability as unknown as SubgraphDefinition, databaseUrl, { port: 0, log: () => {} });
  const url = running.url.replace(/\/graphql$/, '/epcis/capture');
  // Capture is for registered sources: the bench is one, its GTINs and locations registered, its identity signed
  // as the gateway signs a source key's (no gateway runs here).
  const source = 'BENCH-SOURCE';
  await claimForSource(running.database.orm.em.fork() as never, source, {
    gtins: [...new Set(read.events.flatMap((event) => (event.lot?.gtin ? [event.lot.gtin] : [])))],
    locations: [...new Set(read.events.flatMap((event) => [event.readPoint, event.bizLocation].filter((id): id is string => Boolean(id))))],
  });

  try {
    const capture = async () => {
      const statementsBefore = running.database.statements.total;
      const started = process.hrtime.bigint();
      const identity = { [IDENTITY_HEADER]: signIdentity(viewerOf(`bench:${source}`, 'partner', source)) };
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/ld+json', ...identity }, body });
      let answer = (await response.json()) as Record<string, unknown>;
      if (response.status !== 202) throw new Error(`Capture refused: ${response.status} ${JSON.stringify(answer).slice(0, 500)}`);
      // A big document is answered at once; the job at its Location says when it is stored.
      const job = new URL(response.headers.get('location')!, url).toString();
      while (answer.running) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        answer = (await (await fetch(job, { headers: identity })).json()) as Record<string, unknown>;
      }
      if (!answer.success) throw new Error(`Capture failed: ${JSON.stringify(answer).slice(0, 500)}`);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      return {
        seconds: round(seconds),
        eventsPerSecond: Math.round(eventCount / seconds),
        sqlStatements: running.database.statements.total - statementsBefore,
        inserted: answer.inserted,
        updated: answer.updated,
        unchanged: answer.unchanged,
      };
    };
    const first = await capture();
    const again = await capture();

    const rowsStored = await countRows(running.database.orm.em.getKnex(), 'traceability', ['trace_event', 'lot', 'certification', 'location', 'trace_code']);
    const figures = {
      measuredAt: new Date().toISOString(),
      machine: machineFigures(),
      database: scratch.label,
      events: eventCount,
      documentMegabytes: round(Buffer.byteLength(body) / 2 ** 20),
      readAndValidateSeconds: round(readSeconds),
      firstCapture: first,
      sameDocumentAgain: again,
      rowsStored,
    };
    console.log(`${eventCount} events (${figures.documentMegabytes} MB): first capture ${first.seconds} s, ${first.eventsPerSecond} events/s; again ${again.seconds} s, ${again.eventsPerSecond} events/s`);
    writeFigures('epcis-capture.json', figures);
  } finally {
    await running.stop();
    await scratch.stop();
  }
}

const STEPS: [bizStep: string, disposition: string, hours: number][] = [
  ['commissioning', 'active', 0], ['inspecting', 'conformant', 1.5], ['packing', 'in_progress', 4], ['shipping', 'in_transit', 8], ['receiving', 'in_progress', 30],
];

/** Lots of five events each, across 500 farms and a few GTINs, as a provincial traceability platform would send them. */
function syntheticJourneys(eventCount: number): Record<string, unknown> {
  const events: Record<string, unknown>[] = [];
  for (let lot = 0; events.length < eventCount; lot++) {
    const lotNumber = `BN${String(lot).padStart(7, '0')}`;
    const itemReference = String(10000 + (lot % 40)).padStart(6, '0');
    const epcClass = `urn:epc:class:lgtin:8939775.${itemReference}.${lotNumber}`;
    const farm = `urn:epc:id:sgln:8939775.${String(lot % 500).padStart(5, '0')}.0`;
    const harvest = Date.UTC(2026, 5, 1 + (lot % 60), 22, 0);
    for (const [step, [bizStep, disposition, hours]] of STEPS.entries()) {
      if (events.length >= eventCount) break;
      const place = bizStep === 'receiving' ? 'urn:epc:id:sgln:8934588.10001.0' : farm;
      events.push({
        type: 'ObjectEvent',
        eventID: `urn:uuid:${String(lot).padStart(8, '0')}-0000-4000-8000-${String(step).padStart(12, '0')}`,
        eventTime: new Date(harvest + hours * 3_600_000).toISOString(),
        eventTimeZoneOffset: '+07:00',
        action: bizStep === 'commissioning' ? 'ADD' : 'OBSERVE',
        bizStep,
        disposition,
        quantityList: [{ epcClass, quantity: 500 + (lot % 1000), uom: 'KGM' }],
        readPoint: { id: place },
        bizLocation: { id: place },
        ...(bizStep === 'commissioning'
          ? {
              certificationInfo: `https://chungnhan.example.vn/vietgap/VIETGAP-24-26-${String(lot % 200).padStart(5, '0')}`,
              ilmd: { 'cbvmda:lotNumber': lotNumber, 'cbvmda:harvestStartDate': new Date(harvest).toISOString().slice(0, 10) },
            }
          : {}),
      });
    }
  }
  return {
    '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: '2026-08-01T00:00:00+07:00',
    epcisBody: { eventList: events },
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

runBenchmark(main);
