import crypto from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { SubgraphDatabase } from '../../../../platform/database/orm';
import { describeProblem, type ImportProblem } from '../../../../platform/ingest/problems';
import { json, type HttpRequest, type HttpResponse, type Route } from '../../../../platform/server/http';
import { mediaType, problemResponse, type ProblemDetails } from '../../../../platform/server/problem';
import { EpcisCaptureJob } from '../../entities/capture-job';
import { storeCapturedEvents, type CaptureCounts } from './capture';
import { readCaptureDocument } from './document';
import { captureSource, claimProblems } from './source-claims';
import { verifyIdentity } from '../../../../platform/access/identity-header';
import { hasScope, type Viewer } from '../../../../platform/access/roles';

/*
 * The capture interface of the EPCIS 2.0 REST binding, on the traceability subgraph's own port:
 *   POST /epcis/capture              an EPCISDocument (or EPCISQueryDocument), JSON or JSON-LD
 *   GET  /epcis/capture/<captureID>  the capture job
 * Processing is synchronous: when the POST answers 202, the job has finished and its events are stored (or, with
 * `GS1-Capture-Error-Behaviour: proceed`, those without problems). A document with problems is refused as a whole
 * with 400 and the problems, event by event (the binding's default behaviour, "rollback"): nothing is stored.
 */

export const CAPTURE_PATH = '/epcis/capture';
const JOB_PATH = /^\/epcis\/capture\/([A-Za-z0-9-]{1,40})$/;
const ACCEPTED_MEDIA_TYPES = ['application/json', 'application/ld+json'];

export interface CaptureLimits {
  /** Most events per document (`GS1-EPCIS-Capture-Limit`). */
  maxEvents: number;
  /** Largest document in bytes (`GS1-EPCIS-Capture-File-Size-Limit`). */
  maxBytes: number;
}

/** 100,000 events and 100 MiB unless `EPCIS_CAPTURE_MAX_EVENTS` / `EPCIS_CAPTURE_MAX_BYTES` say otherwise. */
export function defaultCaptureLimits(): CaptureLimits {
  return {
    maxEvents: Number(process.env.EPCIS_CAPTURE_MAX_EVENTS ?? 100_000),
    maxBytes: Number(process.env.EPCIS_CAPTURE_MAX_BYTES ?? 100 * 1024 * 1024),
  };
}

export function epcisCaptureRoutes(database: SubgraphDatabase, limits: CaptureLimits = defaultCaptureLimits()): Route[] {
  const standardHeaders = {
    'GS1-EPCIS-Version': '2.0.0',
    'GS1-CBV-Version': '2.0.0',
    'GS1-EPCIS-Capture-Limit': String(limits.maxEvents),
    'GS1-EPCIS-Capture-File-Size-Limit': String(limits.maxBytes),
  };
  return [
    {
      method: 'POST',
      path: CAPTURE_PATH,
      maxBodyBytes: limits.maxBytes,
      tooLarge: (limit) =>
        problemResponse(
          {
            type: 'epcisException:CaptureLimitExceededException',
            title: 'Capture payload too large',
            status: 413,
            detail: `The document is larger than ${limit} bytes. Split its events over several documents.`,
          },
          standardHeaders,
        ),
      handle: async (request) => withHeaders(await asSource(request, (source) => capture(database, request, limits, source)), standardHeaders),
    },
    {
      method: 'GET',
      path: JOB_PATH,
      handle: async (request, [captureId]) => withHeaders(await asSource(request, () => captureJob(database, captureId)), standardHeaders),
    },
  ];
}

/**
 * The door: capture is for traceability sources only, whose key the gateway checked and whose identity it signed
 * (a source is a partner whose key's scope names it). Nothing else is read before this passes.
 */
async function asSource(request: HttpRequest, work: (source: string) => Promise<HttpResponse>): Promise<HttpResponse> {
  const identity = verifyIdentity(request.headers);
  const viewer: Viewer | undefined = 'viewer' in identity ? identity.viewer : undefined;
  if (!viewer || viewer.role === 'public') {
    return problemResponse({
      type: 'epcisException:SecurityException',
      title: 'A capture source\'s key is needed',
      status: 401,
      detail: `${'refused' in identity ? `${identity.refused} ` : ''}Send the document to the hub's gateway (POST /epcis/capture) with your source's API key: authorization: Bearer <key>.`,
    });
  }
  if (!hasScope(viewer, 'epcis:capture') || !viewer.platform) {
    return problemResponse({
      type: 'epcisException:SecurityException',
      title: 'Not a capture source',
      status: 403,
      detail: `The ${viewer.role} role cannot capture events: capture needs the key of a traceability source (role partner, scope the source's name).`,
    });
  }
  return work(viewer.platform);
}

async function capture(database: SubgraphDatabase, request: HttpRequest, limits: CaptureLimits, sourceName: string): Promise<HttpResponse> {
  const type = mediaType(request.headers['content-type']);
  if (!ACCEPTED_MEDIA_TYPES.includes(type)) {
    return problemResponse({
      type: 'epcisException:UnsupportedMediaTypeException',
      title: 'Unsupported media type',
      status: 415,
      detail: `The document was sent as "${type || 'no content type'}". Send it as application/json or application/ld+json (EPCIS 2.0 JSON/JSON-LD; XML is not accepted).`,
    });
  }
  const behaviourHeader = String(request.headers['gs1-capture-error-behaviour'] ?? 'rollback').toLowerCase();
  if (behaviourHeader !== 'rollback' && behaviourHeader !== 'proceed') {
    return validationProblem(`GS1-Capture-Error-Behaviour is "${behaviourHeader}"; it can be "rollback" (the default: all or nothing) or "proceed".`, []);
  }
  const behaviour: 'rollback' | 'proceed' = behaviourHeader;

  let document: unknown;
  try {
    document = JSON.parse(request.body.toString('utf8'));
  } catch (error) {
    return validationProblem(`The body is not valid JSON: ${(error as Error).message}.`, []);
  }
  const read = readCaptureDocument(document);
  if (read.eventCount > limits.maxEvents) {
    return problemResponse({
      type: 'epcisException:CaptureLimitExceededException',
      title: 'Capture payload too large',
      status: 413,
      detail: `The document has ${read.eventCount} events; at most ${limits.maxEvents} are taken per capture. Split them over several documents.`,
    });
  }
  const eventProblems = [...read.eventProblems.entries()].sort(([a], [b]) => a - b).flatMap(([, problems]) => problems);
  if (read.documentProblems.length > 0 || (behaviour === 'rollback' && eventProblems.length > 0)) {
    const problems = [...read.documentProblems, ...eventProblems];
    const rejected = read.eventProblems.size;
    const summary =
      read.documentProblems.length > 0
        ? 'The document is not a valid EPCIS 2.0 capture document; nothing was stored.'
        : `${rejected} of ${read.eventCount} events ${rejected === 1 ? 'is' : 'are'} not valid, so none was stored (send the header GS1-Capture-Error-Behaviour: proceed to store the valid ones).`;
    return validationProblem(summary, problems);
  }

  // Ownership, before anything is stored: another source's GTIN, location, lot or event refuses the whole document.
  const refused = await claimProblems(database.orm.em.fork() as EntityManager, sourceName, read.events);
  if (refused.length) {
    return problemResponse({
      type: 'epcisException:SecurityException',
      title: 'The document touches what is not this source\'s',
      status: 403,
      detail: `Nothing was stored: ${refused.length} ${refused.length === 1 ? 'problem' : 'problems'}.\n${refused.slice(0, 20).map((problem) => describeProblem('document', problem)).join('\n')}`,
      errors: refused.map((problem) => eventProblem(problem)),
    });
  }

  const job = new EpcisCaptureJob();
  job.captureId = crypto.randomUUID();
  job.createdAt = new Date();
  job.captureErrorBehaviour = behaviour;
  job.documentId = read.documentId;
  job.eventCount = read.eventCount;
  job.rejected = read.eventProblems.size;
  job.errors = eventProblems;
  job.running = false;
  job.success = eventProblems.length === 0;
  const em = database.orm.em.fork();
  let counts: CaptureCounts;
  try {
    counts = await em.transactional(async (tx) => {
      const stored = await storeCapturedEvents(tx as EntityManager, read.events, {
        source: captureSource(sourceName),
        captureRef: job.captureId,
        importedAt: job.createdAt,
      });
      Object.assign(job, { inserted: stored.inserted, updated: stored.updated, unchanged: stored.unchanged, finishedAt: new Date() });
      tx.persist(job);
      return stored;
    });
  } catch (error) {
    return problemResponse({
      type: 'epcisException:ImplementationException',
      title: 'The events could not be stored',
      status: 500,
      detail: `Nothing was stored: ${(error as Error).message}`,
    });
  }
  return {
    status: 202,
    headers: { 'content-type': 'application/json; charset=utf-8', location: `${CAPTURE_PATH}/${job.captureId}` },
    body: JSON.stringify({ ...jobDocument(job), lots: counts.lots, certifications: counts.certifications, locations: counts.locations, linkedLots: counts.linked }),
  };
}

async function captureJob(database: SubgraphDatabase, captureId: string): Promise<HttpResponse> {
  const job = await database.orm.em.fork().findOne(EpcisCaptureJob, { captureId });
  if (!job) {
    return problemResponse({
      type: 'epcisException:NoSuchResourceException',
      title: 'Resource not found',
      status: 404,
      detail: `There is no capture job ${captureId}.`,
    });
  }
  return json(200, jobDocument(job));
}

/** The capture job as the REST binding describes it, with the hub's counts besides. */
function jobDocument(job: EpcisCaptureJob) {
  return {
    captureID: job.captureId,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
    running: job.running,
    success: job.success,
    captureErrorBehaviour: job.captureErrorBehaviour,
    errors: job.errors.map((problem) => eventProblem(problem)),
    documentId: job.documentId ?? null,
    eventCount: job.eventCount,
    inserted: job.inserted,
    updated: job.updated,
    unchanged: job.unchanged,
    rejected: job.rejected,
  };
}

function validationProblem(detail: string, problems: ImportProblem[]): HttpResponse {
  return problemResponse({
    type: 'epcisException:ValidationException',
    title: 'The EPCIS document was refused',
    status: 400,
    detail: problems.length > 0 ? `${detail}\n${problems.slice(0, 20).map((problem) => describeProblem('document', problem)).join('\n')}` : detail,
    errors: problems.map((problem) => eventProblem(problem)),
  });
}

/** One problem as an RFC 7807 object, with where it is: event index (from 0) and JSON path. */
function eventProblem(problem: ImportProblem): ProblemDetails {
  return {
    type: 'epcisException:ValidationException',
    title: problem.eventIndex !== undefined ? `Event ${problem.eventIndex} is not valid` : 'The document is not valid',
    status: 400,
    detail: describeProblem('document', problem),
    ...(problem.eventIndex !== undefined ? { eventIndex: problem.eventIndex } : {}),
    path: problem.field ?? '$',
    ...(problem.value !== undefined ? { value: problem.value } : {}),
    message: problem.message,
  };
}

function withHeaders(response: HttpResponse, headers: Record<string, string>): HttpResponse {
  return { ...response, headers: { ...headers, ...(response.headers ?? {}) } };
}
