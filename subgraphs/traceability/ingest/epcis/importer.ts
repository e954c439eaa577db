import fs from 'node:fs';
import path from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Importer } from '../../../../platform/ingest/importer';
import { ImportRejected } from '../../../../platform/ingest/problems';
import { storeCapturedEvents } from './capture';
import { readCaptureDocument, type CapturedEvent } from './document';

/**
 * `nongsan import epcis <file>`: an EPCIS 2.0 capture document from a file, stored exactly as `POST /epcis/capture`
 * stores it. Without --partial, one invalid event refuses the document; with it, the valid events go in.
 */
export const epcisImporter: Importer<CapturedEvent> = {
  name: 'epcis',
  title: 'EPCIS 2.0 events: an EPCISDocument (or EPCISQueryDocument) in JSON or JSON-LD, as POST /epcis/capture takes it',
  subgraph: 'traceability',
  formats: 'JSON or JSON-LD (.json, .jsonld), validated against the GS1 EPCIS 2.0 JSON schema',
  notes: [
    'Events are numbered from 0 in messages, with the JSON path of each problem.',
    'A running hub takes the same documents on http://localhost:4004/epcis/capture.',
  ],

  async *read(file) {
    const origin = path.basename(file);
    let document: unknown;
    try {
      document = JSON.parse(await fs.promises.readFile(file, 'utf8'));
    } catch (error) {
      throw new ImportRejected(origin, [{ message: `not a JSON document: ${(error as Error).message}` }]);
    }
    const read = readCaptureDocument(document);
    if (read.documentProblems.length > 0) throw new ImportRejected(origin, read.documentProblems);
    const events = new Map(read.events.map((event) => [event.index, event]));
    for (let index = 0; index < read.eventCount; index++) {
      const event = events.get(index);
      yield { eventIndex: index, record: event, problems: read.eventProblems.get(index) ?? [] };
    }
  },

  async write(em: EntityManager, accepted, context) {
    const counts = await storeCapturedEvents(
      em,
      accepted.map((candidate) => candidate.record!),
      { source: context.source, captureRef: context.origin, importedAt: context.importedAt },
    );
    return { inserted: counts.inserted, updated: counts.updated, unchanged: counts.unchanged };
  },
};
