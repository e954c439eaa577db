import crypto from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { SubgraphDatabase } from '../../../../platform/database/orm';
import { describeProblem, type ImportProblem } from '../../../../platform/ingest/problems';
import { json, type HttpRequest, type HttpResponse, type Route } from '../../../../platform/server/http';
import { mediaType, problemResponse, type ProblemDetails } from '../../../../platform/server/problem';
import { EpcisCaptureJob } from '../../entities/capture-job';
import { WorkerTask, siblingModule } from '../../../../platform/server/worker-task';
import { storeCapturedEvents, type CaptureCounts } from './capture';
import { MAX_REPORTED_EVENTS, readCaptureBody, type ReadBodyInput, type ReadBodyOutput } from './read-body';
import { captureSource, claimProblems } from './source-claims';
import { verifyIdentity } from '../../../../platform/access/identity-header';
import { hasScope, type Viewer } from '../../../../platform/access/roles';

/*
 * The capture interface of the EPCIS 2.0 REST binding, on the traceability subgraph's own port:
 *   POST /epcis/capture              an EPCISDocument (or EPCISQueryDocument), JSON or JSON-LD
 *   GET  /epcis/capture/<captureID>  the capture job
 * A small document is processed before the answer: 202 means its events are stored (or, with
 * `GS1-Capture-Error-Behaviour: proceed`, those without problems), and a document with problems is refused as a
 * whole with 400 and the problems, event by event (the binding's default, "rollback"): nothing is stored. A big one
 * (past `asyncBytes`, or sent with `Prefer: respond-async`) is answered 202 at once with its job running, and the
 * job at its Location says how it ended. Either way one refusal lists the problems of at most 100 events.
 */

export const CAPTURE_PATH = '/epcis/capture';
const JOB_PATH = /^\/epcis\/capture\/([A-Za-z0-9-]{1,40})$/;
const ACCEPTED_MEDIA_TYPES = ['application/json', 'application/ld+json'];

export interface CaptureLimits {
  /** Most events per document (`GS1-EPCIS-Capture-Limit`). */
  maxEvents: number;
  /** Largest document in bytes (`GS1-EPCIS-Capture-File-Size-Limit`). */
  maxBytes: number;
  /** Documents larger than this are read on a worker thread. */
  workerBytes: number;
  /** Documents larger than this are answered 202 at once, their job running; smaller ones when stored. */
  asyncBytes: number;
  /** Big documents waiting for the worker before new ones get 503. */
  maxQueued: number;
}

/**
 * 100,000 events and 100 MiB; worker past 256 KiB; answered at once past 1 MiB; 4 waiting: unless
 * `EPCIS_CAPTURE_MAX_EVENTS`, `_MAX_BYTES`, `_WORKER_BYTES`, `_ASYNC_BYTES`, `_MAX_QUEUED` say otherwise.
 */
export function defaultCaptureLimits(): CaptureLimits {
  const setting = (name: string, fallback: number) => Number(process.env[`EPCIS_CAPTURE_${name}`] ?? fallback);
  return {
    maxEvents: setting('MAX_EVENTS', 100_000),
    maxBytes: setting('MAX_BYTES', 100 * 1024 * 1024),
    workerBytes: setting('WORKER_BYTES', 256 * 1024),
    asyncBytes: setting('ASYNC_BYTES', 1024 * 1024),
    maxQueued: setting('MAX_QUEUED', 4),
  };
}

/** One worker thread per process reads big capture documents, one at a time. */
const readInWorker = new WorkerTask<ReadBodyInput, ReadBodyOutput>(siblingModule(__filename, 'read-body'), 'readCaptureBody');

export function epcisCaptureRoutes(database: SubgraphDatabase, given: Partial<CaptureLimits> = {}): Route[] {
  const limits: CaptureLimits = { ...defaultCaptureLimits(), ...given };
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
    return validationProblem(`GS1-Capture-Error-Behaviour is "${behaviourHeader}"; it can be "rollback" (the default: all or nothing) or "proceed".`, [], 0);
  }
  const behaviour: 'rollback' | 'proceed' = behaviourHeader;
  const respondAsync = request.body.length > limits.asyncBytes || /\brespond-async\b/i.test(String(request.headers.prefer ?? ''));
  if (respondAsync && readInWorker.queued >= limits.maxQueued) {
    return problemResponse(
      { type: 'epcisException:ServiceUnavailableException', title: 'Too many captures waiting', status: 503, detail: `${readInWorker.queued} big documents are waiting to be read; send this one again in a minute.` },
      { 'retry-after': '60' },
    );
  }
  const job = newJob(behaviour);
  if (!respondAsync) {
    try {
      return answerOf(await runCapture(database, request.body, limits, job, sourceName));
    } catch (error) {
      // The reason goes to the log, not to the client: it may carry SQL.
      console.error(`EPCIS capture ${job.captureId} failed:`, error);
      return problemResponse({
        type: 'epcisException:ImplementationException',
        title: 'The events could not be stored',
        status: 500,
        detail: `Nothing was stored. Send the document again later; if it fails again, give capture ${job.captureId} to the hub's operators.`,
      });
    }
  }

  // EPCIS 2.0's capture interface: 202 at once, the job's progress at its Location.
  await database.orm.em.fork().persistAndFlush(job);
  void runCapture(database, request.body, limits, job, sourceName, true).then(
    (outcome) => recordOutcome(database, job, outcome),
    (error: Error) => {
      console.error(`EPCIS capture ${job.captureId} failed:`, error);
      const detail = `Nothing was stored: the hub could not finish this capture. Send the document again later; if it fails again, give capture ${job.captureId} to the hub's operators.`;
      return recordOutcome(database, job, { refused: validationProblem(detail, [], 0), problems: [] });
    },
  );
  return { status: 202, headers: { 'content-type': 'application/json; charset=utf-8', location: `${CAPTURE_PATH}/${job.captureId}` }, body: JSON.stringify(jobDocument(job)) };
}

/** What a capture came to: a refusal (nothing stored), or the job done with the counts of what was stored. */
type CaptureOutcome = { refused: HttpResponse; problems: ImportProblem[]; rejected?: number } | { job: EpcisCaptureJob; counts: CaptureCounts };

async function runCapture(database: SubgraphDatabase, body: Buffer, limits: CaptureLimits, job: EpcisCaptureJob, sourceName: string, persisted = false): Promise<CaptureOutcome> {
  const input: ReadBodyInput = { body, maxEvents: limits.maxEvents, now: Date.now() };
  // Big documents are parsed and validated on the worker thread: the event loop keeps answering queries.
  const output = body.length > limits.workerBytes ? await readInWorker.run(input) : readCaptureBody(input);
  if (output.outcome === 'too-many-events') {
    const detail = `The document has ${output.eventCount} events; at most ${limits.maxEvents} are taken per capture. Split them over several documents.`;
    return { refused: problemResponse({ type: 'epcisException:CaptureLimitExceededException', title: 'Capture payload too large', status: 413, detail }), problems: [] };
  }
  if (output.outcome === 'not-json') return { refused: validationProblem(`The body is not valid JSON: ${output.reason}.`, [], 0), problems: [] };
  const { read, rejected } = output;
  const eventProblems = [...read.eventProblems.entries()].sort(([a], [b]) => a - b).flatMap(([, problems]) => problems);
  if (read.documentProblems.length > 0 || (job.captureErrorBehaviour === 'rollback' && rejected > 0)) {
    const problems = [...read.documentProblems, ...eventProblems];
    const summary =
      read.documentProblems.length > 0
        ? 'The document is not a valid EPCIS 2.0 capture document; nothing was stored.'
        : `${rejected} of ${read.eventCount} events ${rejected === 1 ? 'is' : 'are'} not valid, so none was stored (send the header GS1-Capture-Error-Behaviour: proceed to store the valid ones).`;
    return { refused: validationProblem(summary, problems, rejected), problems, rejected };
  }
  // Ownership, before anything is stored: another source's GTIN, location, lot or event refuses the whole document.
  const refused = await claimProblems(database.orm.em.fork() as EntityManager, sourceName, read.events);
  if (refused.length) {
    const detail = `Nothing was stored: ${refused.length} ${refused.length === 1 ? 'problem' : 'problems'}.\n${refused.slice(0, 20).map((problem) => describeProblem('document', problem)).join('\n')}`;
    const response = problemResponse({
      type: 'epcisException:SecurityException',
      title: 'The document touches what is not this source\'s',
      status: 403,
      detail,
      errors: refused.slice(0, MAX_REPORTED_EVENTS).map((problem) => eventProblem(problem)),
    });
    return { refused: response, problems: refused, rejected: new Set(refused.map((problem) => problem.eventIndex)).size };
  }
  Object.assign(job, { documentId: read.documentId, eventCount: read.eventCount, rejected, errors: eventProblems, success: rejected === 0 });
  const counts = await database.orm.em.fork().transactional(async (tx) => {
    const stored = await storeCapturedEvents(tx as EntityManager, read.events, { source: captureSource(sourceName), captureRef: job.captureId, importedAt: job.createdAt });
    Object.assign(job, { inserted: stored.inserted, updated: stored.updated, unchanged: stored.unchanged, finishedAt: new Date(), running: false });
    // A job answered at once already has its row.
    if (persisted) await tx.upsert(job);
    else tx.persist(job);
    return stored;
  });
  return { job, counts };
}

function answerOf(outcome: CaptureOutcome): HttpResponse {
  if ('refused' in outcome) return outcome.refused;
  const { job, counts } = outcome;
  return {
    status: 202,
    headers: { 'content-type': 'application/json; charset=utf-8', location: `${CAPTURE_PATH}/${job.captureId}` },
    body: JSON.stringify({ ...jobDocument(job), lots: counts.lots, certifications: counts.certifications, locations: counts.locations, linkedLots: counts.linked }),
  };
}

/** A job answered at once: its row is updated when the work ends, stored or refused. */
async function recordOutcome(database: SubgraphDatabase, job: EpcisCaptureJob, outcome: CaptureOutcome): Promise<void> {
  if ('job' in outcome) return;
  const refusal = JSON.parse(String(outcome.refused.body)) as ProblemDetails;
  const problems = outcome.problems.length > 0 ? outcome.problems : [{ field: '$', message: String(refusal.detail) }];
  await database.orm.em.fork().nativeUpdate(
    EpcisCaptureJob,
    { captureId: job.captureId },
    { running: false, success: false, finishedAt: new Date(), rejected: outcome.rejected ?? 0, errors: problems },
  );
}

function newJob(behaviour: 'rollback' | 'proceed'): EpcisCaptureJob {
  const job = new EpcisCaptureJob();
  Object.assign(job, { captureId: crypto.randomUUID(), createdAt: new Date(), captureErrorBehaviour: behaviour, documentId: null });
  Object.assign(job, { eventCount: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, errors: [], running: true, success: false });
  return job;
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

/** The refusal: the first problems in the detail, those of the first MAX_REPORTED_EVENTS bad events in `errors`. */
function validationProblem(detail: string, problems: ImportProblem[], rejected: number): HttpResponse {
  const more = rejected > MAX_REPORTED_EVENTS ? `\n(The problems of the first ${MAX_REPORTED_EVENTS} of the ${rejected} refused events are listed.)` : '';
  return problemResponse({
    type: 'epcisException:ValidationException',
    title: 'The EPCIS document was refused',
    status: 400,
    detail: problems.length > 0 ? `${detail}\n${problems.slice(0, 20).map((problem) => describeProblem('document', problem)).join('\n')}${more}` : detail,
    rejectedEvents: rejected,
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
