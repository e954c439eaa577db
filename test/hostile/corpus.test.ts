import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSubgraphDatabase, type SubgraphDatabase } from '../../platform/database/orm';
import { describeProblem, ImportRejected, runImport, type Importer } from '../../platform/ingest';
import type { SubgraphDefinition } from '../../platform/subgraph';
import { registry } from '../../subgraphs/registry';
import { householdListImporter } from '../../subgraphs/registry/ingest';
import { statistics } from '../../subgraphs/statistics';
import { statisticsImporter } from '../../subgraphs/statistics/ingest';
import { hub, withDatabase } from '../support/hub';
import { fileCases, networkCases, type Category, type FileCase, type HostileCase, type Outcome } from './corpus';
import { writeSummary, type Verdict } from './summary';

/*
 * Every input of the hostile corpus (test/hostile/corpus.ts) is sent to the running hub as its sender would send
 * it. Each must be refused with a message containing its expected words, never with a 5xx, and leave every table
 * as it was (a checksum of each table's rows before and after). The counts go to test/hostile/SUMMARY.md.
 */

/**
 * Tables no input writes to: a log of requests (a refused capture is still a capture job), and the source's claims
 * on GTINs and locations that the test registers before sending, as an administrator would.
 */
const LOG_TABLES = new Set(['traceability.epcis_capture_job', 'traceability.capture_source_claim']);

async function tableChecksums(): Promise<Map<string, string>> {
  return withDatabase(async (client) => {
    const { rows: tables } = await client.query<{ name: string }>(
      `select table_schema || '.' || table_name as name from information_schema.tables
        where table_schema in ('registry', 'statistics', 'marketplace', 'traceability') and table_type = 'BASE TABLE' and table_name not like 'mikro_orm%'
        order by 1`,
    );
    const names = tables.map((table) => table.name).filter((name) => !LOG_TABLES.has(name));
    const sums = names.map((name) => `select '${name}' as name, count(*)::text || ':' || md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as sum from ${name.replace('.', '."')}" t`);
    const { rows } = await client.query<{ name: string; sum: string }>(sums.join(' union all '));
    return new Map(rows.map((row) => [row.name, row.sum]));
  });
}

function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after].filter(([name, sum]) => before.get(name) !== sum).map(([name]) => name);
}

const verdicts: Verdict[] = [];

function judge(hostile: HostileCase, outcome: Outcome, changed: string[]): Verdict {
  const verdict: Verdict = { category: hostile.category, name: hostile.name, expect: hostile.expect, status: outcome.status, message: outcome.message, changed, result: 'refused clearly' };
  if (outcome.status >= 500) verdict.result = '5xx';
  else if (outcome.accepted) verdict.result = 'wrongly accepted';
  else if (!outcome.message.includes(hostile.expect)) verdict.result = 'unclear refusal';
  verdicts.push(verdict);
  return verdict;
}

async function tryAll(cases: HostileCase[], run: (hostile: HostileCase) => Promise<Outcome>): Promise<Verdict[]> {
  const failures: Verdict[] = [];
  // The checksums after one input are those before the next: one pass over the tables per input.
  let before = await tableChecksums();
  for (const hostile of cases) {
    let outcome: Outcome;
    try {
      outcome = await run(hostile);
    } catch (error) {
      outcome = { status: 599, message: `the test could not send it: ${(error as Error).message}`, accepted: false };
    }
    const after = await tableChecksums();
    const verdict = judge(hostile, outcome, changedTables(before, after));
    before = after;
    if (verdict.result !== 'refused clearly' || verdict.changed.length > 0) failures.push(verdict);
  }
  return failures;
}

const shown = (failures: Verdict[]) => failures.map(({ name, result, status, message, changed }) => ({ name, result, status, message: message.slice(0, 300), changed }));

const network = networkCases();
const byCategory = (category: Category) => network.filter((hostile) => hostile.category === category);
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'nongsan-hostile-'));
const files = fileCases(scratch);
const databases: Partial<Record<FileCase['source'], SubgraphDatabase>> = {};
const IMPORTERS: Record<FileCase['source'], [SubgraphDefinition, Importer<unknown>]> = {
  registry: [registry as SubgraphDefinition, householdListImporter as Importer<unknown>],
  statistics: [statistics as SubgraphDefinition, statisticsImporter as Importer<unknown>],
};

/** An import as `nongsan import` runs it; a refusal is 400, and an error that shows SQL counts as an internal one. */
async function importOutcome(hostile: FileCase, partial = false): Promise<Outcome> {
  const [definition, importer] = IMPORTERS[hostile.source];
  await hostile.prepare?.();
  databases[hostile.source] ??= await openSubgraphDatabase(definition, hub().databaseUrl, { migrate: false });
  try {
    const summary = await runImport(importer, hostile.file, { em: databases[hostile.source]!.orm.em.fork(), quiet: true, partial });
    const message = summary.problems.map((problem) => describeProblem(path.basename(hostile.file), problem)).join('\n');
    return { status: summary.written ? 200 : 400, message, accepted: summary.written && summary.rejected === 0 };
  } catch (error) {
    const message = (error as Error).message;
    const internal = !(error instanceof ImportRejected) && /\b(insert into|update .* set|violates|value too long|duplicate key|invalid byte sequence|syntax error at)\b/i.test(message);
    return { status: internal ? 500 : 400, message, accepted: false };
  }
}

afterAll(async () => {
  for (const database of Object.values(databases)) await database?.close();
  fs.rmSync(scratch, { recursive: true, force: true });
  if (verdicts.length > 0) writeSummary(path.join(__dirname, 'SUMMARY.md'), verdicts);
});

describe('the hostile-input corpus', () => {
  it('has at least 300 inputs', () => {
    expect(network.length + files.length).toBeGreaterThanOrEqual(300);
  });

  it('refuses every hostile EPCIS capture document clearly, with no 5xx and nothing stored', async () => {
    expect(shown(await tryAll(byCategory('epcis-capture'), (hostile) => hostile.send()))).toEqual([]);
  }, 300_000);

  it('refuses NUL bytes, control and direction characters in GraphQL arguments before any resolver', async () => {
    expect(shown(await tryAll(byCategory('graphql-arguments'), (hostile) => hostile.send()))).toEqual([]);
  }, 300_000);

  it('refuses hostile marketplace events (unknown countries, bad text) with the event and field named', async () => {
    expect(shown(await tryAll(byCategory('marketplace-webhook'), (hostile) => hostile.send()))).toEqual([]);
  }, 120_000);

  it('refuses hostile files (bad characters, overlong cells, wrong encoding, damaged workbooks, absurd numbers) as a whole', async () => {
    expect(shown(await tryAll(files, (hostile) => importOutcome(hostile as FileCase)))).toEqual([]);
  }, 300_000);

  it('with --partial, keeps the valid rows of a file whose other rows are refused', async () => {
    const hostile = files.find((candidate) => candidate.name === 'a cooperative name of 404 characters')!;
    const outcome = await importOutcome(hostile, true);
    expect(outcome.message).toContain(hostile.expect);
    const stored = await withDatabase(async (client) =>
      (await client.query<{ display_name: string }>(`select display_name from registry.household where source_ref like $1 || '%' order by display_name`, [path.basename(hostile.file)])).rows,
    );
    expect(stored.map((row) => row.display_name)).toEqual(['HTX Vải thiều Tân Hoa']);
    await withDatabase((client) => client.query(`delete from registry.household where source_ref like $1 || '%'`, [path.basename(hostile.file)]));
  });
});
