import fs from 'node:fs';
import os from 'node:os';
import { setImmediate as nextTick } from 'node:timers/promises';
import { Client } from 'pg';
import { createProgress, formatCount } from '../../platform/cli/progress';
import { CopyWriter, quoteIdentifier, quoteTable } from '../../platform/database/copy';
import { redact, subgraphDatabaseUrl } from '../../platform/database/default-database';
import { openSubgraphDatabase } from '../../platform/database/orm';
import { SUBGRAPHS } from '../../subgraphs';
import { DEFER_ROLLUPS_SETTING } from '../../subgraphs/marketplace/ingest/rollups';
import { DATASET_AS_OF, GENERATOR_SOURCE, GENERATOR_VERSION, NationalGenerator, type RowSinks } from './generator';
import { generatorPlaces } from './places';
import { planCommunes } from './population';
import { GENERATED_TABLES, GENERATED_TABLE_NAMES, qualifiedName, type GeneratedTable, type GeneratedTableName } from './tables';

export type IndexStrategy = 'rebuild' | 'keep';

export interface GenerateOptions {
  households: number;
  seed: number;
  /** The database of every subgraph, unless `<NAME>_DATABASE_URL` gives one its own. */
  databaseUrl: string;
  /** Empty the generated tables first; without it, the generator refuses to touch tables that hold rows. */
  replace?: boolean;
  /**
   * `rebuild` (default): drop the tables' indexes and unique constraints, load, then build them again in one pass;
   * `keep`: load with the indexes in place.
   */
  indexes?: IndexStrategy;
  /** Households generated between two waits for the database to catch up. */
  chunkHouseholds?: number;
  /** No progress lines (tests). */
  quiet?: boolean;
  /** Stops the run between two chunks or two index builds; every table is then rolled back. */
  signal?: AbortSignal;
  log?: (line: string) => void;
}

export interface TableFigures {
  table: string;
  rows: number;
  /** From the start of the load until PostgreSQL had stored the table's last row. */
  loadSeconds: number;
  rowsPerSecond: number;
  indexSeconds: number;
}

export interface GenerateSummary {
  households: number;
  seed: number;
  generatorVersion: string;
  indexStrategy: IndexStrategy;
  startedAt: string;
  finishedAt: string;
  seconds: { total: number; prepare: number; load: number; indexes: number; commitAndAnalyze: number };
  totalRows: number;
  rowsPerSecond: number;
  tables: TableFigures[];
  /**
   * CPU seconds spent by the generator process and by the PostgreSQL processes that loaded and indexed the tables
   * (null when PostgreSQL runs on another machine): what the run would take on an idle machine follows from these.
   */
  cpuSeconds: { generator: number; postgres: number | null };
  /** The generator's largest resident memory while loading: flat, whatever the number of households. */
  peakMemoryMb: number;
  databases: { url: string; bytes: number }[];
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; loadAverageAtStart: number[]; loadAverageAtEnd: number[] };
}

/** The data set's parameters, kept beside the data so that a benchmark can tell what it is measuring. */
export interface DatasetRecord {
  subgraph: string;
  households: number;
  seed: number;
  generatorVersion: string;
  rows: Record<string, number>;
  finishedAt: string;
}

/** Refused to run: the message says why and what to do; the CLI prints it without a stack trace. */
export class GeneratorRefusal extends Error {}

const DATASET_TABLE = 'public.nongsan_dataset';
const DEFAULT_CHUNK_HOUSEHOLDS = 5000;
/** How many tables build their indexes at once: one per core is what a two-core machine takes. */
const INDEX_PARALLELISM = 2;

interface TableLoad {
  name: GeneratedTableName;
  definition: GeneratedTable;
  qualified: string;
  client: Client;
  rebuild: string[];
  /** Provenance columns the rows leave to their default, with the default to put back after the load. */
  pinnedDefaults: { column: string; original: string | null }[];
  /** Statements that put the table's defaults back, run after its indexes. */
  restoreDefaults: string[];
  writer?: CopyWriter;
  loadSeconds: number;
  indexSeconds: number;
  rows: number;
  /** The PostgreSQL server process serving this connection, to read its CPU time when it runs on this machine. */
  backendPid: number;
}

/**
 * Generates `households` households with everything that hangs off them across the four subgraphs and bulk loads
 * them with COPY, streaming commune by commune so that memory stays flat whatever the size. Each table loads in
 * its own transaction (truncate, drop indexes, COPY FREEZE, rebuild indexes); all commit at the end, so a failed
 * run leaves the tables as they were.
 */
export async function generateNationalDataset(options: GenerateOptions): Promise<GenerateSummary> {
  const log = options.log ?? (() => {});
  const indexStrategy = options.indexes ?? 'rebuild';
  const started = Date.now();
  const loadAverageAtStart = os.loadavg();
  const generatorCpuAtStart = (process.cpuUsage().user + process.cpuUsage().system) / 1e6;
  if (!Number.isInteger(options.households) || options.households < 1) throw new GeneratorRefusal(`--households must be a whole number of at least 1 (got ${options.households}).`);
  if (!Number.isInteger(options.seed) || options.seed < 0 || options.seed > 0xffffffff) throw new GeneratorRefusal(`--seed must be a whole number from 0 to 4294967295 (got ${options.seed}).`);

  const places = generatorPlaces();
  const plans = planCommunes(places, options.households, options.seed);
  const urls = new Map(SUBGRAPHS.map((subgraph) => [subgraph.name, subgraphDatabaseUrl(subgraph.name, options.databaseUrl)]));

  // Schemas and reference data (provinces, communes) come from the subgraphs' own code, as at hub start.
  for (const subgraph of SUBGRAPHS) {
    const database = await openSubgraphDatabase(subgraph, urls.get(subgraph.name)!, { log });
    try {
      await subgraph.loadReferenceData?.(database.orm.em.fork());
    } finally {
      await database.close();
    }
  }

  const loads: TableLoad[] = [];
  const admins = new Map<string, Client>();
  try {
    for (const url of new Set(urls.values())) admins.set(url, await connect(url));
    for (const name of GENERATED_TABLE_NAMES) {
      const definition: GeneratedTable = GENERATED_TABLES[name];
      const client = await connect(urls.get(definition.subgraph)!);
      loads.push({ name, definition, qualified: qualifiedName(definition), client, rebuild: [], pinnedDefaults: [], restoreDefaults: [], loadSeconds: 0, indexSeconds: 0, rows: 0, backendPid: await backendPid(client) });
    }
    await matchColumns(loads);
    await refuseToOverwrite(loads, admins, Boolean(options.replace));

    for (const load of loads) {
      await load.client.query('BEGIN');
      // A hub still serving this database would hold locks: fail with a clear message rather than wait forever.
      await load.client.query(`SET LOCAL lock_timeout = '15s'`);
      await load.client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
      // Rollup triggers step aside: they would join tables still loading in other transactions. Rebuilt below.
      await load.client.query(`SET LOCAL ${DEFER_ROLLUPS_SETTING} = 'on'`);
      try {
        await load.client.query(`TRUNCATE ${quoteTable(load.qualified)}`);
      } catch (error) {
        throw new GeneratorRefusal(`Could not empty ${load.qualified}: ${(error as Error).message}. Is a hub running on this database? Stop it and run the generator again.`);
      }
      if (indexStrategy === 'rebuild') load.rebuild = await dropIndexes(load);
      await pinProvenanceDefaults(load);
    }
    const prepareSeconds = (Date.now() - started) / 1000;

    // Load: one COPY per table, fed commune by commune.
    const loadStarted = Date.now();
    const sinks = {} as RowSinks;
    for (const load of loads) {
      const writer = CopyWriter.start(load.client, { table: load.qualified, columns: load.definition.columns, freeze: true });
      load.writer = writer;
      sinks[load.name] = { row: (values) => writer.row(values), line: (text) => writer.line(text) };
    }
    const generator = new NationalGenerator({ seed: options.seed }, places);
    const progress = createProgress({ label: 'households', total: options.households, unit: 'households', quiet: options.quiet });
    const chunk = options.chunkHouseholds ?? DEFAULT_CHUNK_HOUSEHOLDS;
    let sinceWait = 0;
    let peakRssBytes = process.memoryUsage.rss();
    for (const plan of plans) {
      generator.generateCommune(plan, sinks);
      progress.tick(plan.households);
      sinceWait += plan.households;
      if (sinceWait >= chunk) {
        sinceWait = 0;
        stopIfAsked(options.signal);
        // Backpressure: wait for the streams PostgreSQL is behind on, and let the sockets flush.
        await Promise.all(loads.map((load) => load.writer!.drained()));
        await nextTick();
        peakRssBytes = Math.max(peakRssBytes, process.memoryUsage.rss());
      }
    }
    generator.indicatorRows(sinks.indicatorObservation);
    progress.done();
    await Promise.all(
      loads.map(async (load) => {
        load.rows = await load.writer!.end();
        load.loadSeconds = (Date.now() - loadStarted) / 1000;
      }),
    );
    const loadSeconds = (Date.now() - loadStarted) / 1000;
    for (const load of [...loads].sort((a, b) => b.rows - a.rows)) {
      log(`  ${load.qualified.padEnd(34)} ${formatCount(load.rows).padStart(12)} rows  ${formatCount(Math.round(load.rows / load.loadSeconds)).padStart(9)} rows/s`);
    }

    const indexesStarted = Date.now();
    // Counted in rows indexed: the big tables' indexes take most of the time.
    const indexProgress = createProgress({
      label: 'indexes', total: loads.reduce((sum, load) => sum + load.rows * load.rebuild.length, 0), unit: 'rows indexed', quiet: options.quiet || indexStrategy === 'keep',
    });
    // The largest tables first, so that the two builders finish together.
    await inParallel([...loads].sort((a, b) => b.rows - a.rows), INDEX_PARALLELISM, async (load) => {
      const tableStarted = Date.now();
      for (const statement of load.rebuild) {
        stopIfAsked(options.signal);
        await load.client.query(statement);
        indexProgress.tick(load.rows);
      }
      for (const statement of load.restoreDefaults) await load.client.query(statement);
      if (load.definition.serialColumn) {
        await load.client.query(`SELECT setval(pg_get_serial_sequence($1, $2), GREATEST((SELECT max(${quoteIdentifier(load.definition.serialColumn)}) FROM ${quoteTable(load.qualified)}), 1))`, [quoteTable(load.qualified), load.definition.serialColumn]);
      }
      load.indexSeconds = (Date.now() - tableStarted) / 1000;
    });
    indexProgress.done();
    const indexSeconds = (Date.now() - indexesStarted) / 1000;

    const postgresCpu = loads.reduce<number | null>((sum, load) => {
      const seconds = processCpuSeconds(load.backendPid);
      return sum === null || seconds === null ? null : sum + seconds;
    }, 0);
    stopIfAsked(options.signal);
    const commitStarted = Date.now();
    const finishedAt = new Date().toISOString();
    for (const admin of admins.values()) await ensureDatasetTable(admin);
    for (const [url, admin] of admins) await admin.query(`DELETE FROM ${DATASET_TABLE} WHERE subgraph = ANY($1)`, [subgraphsAt(urls, url)]);
    for (const load of loads) await load.client.query('COMMIT');
    await inParallel(loads, INDEX_PARALLELISM, (load) => load.client.query(`ANALYZE ${quoteTable(load.qualified)}`));
    for (const subgraph of SUBGRAPHS.filter((candidate) => candidate.rebuildRollups)) {
      const database = await openSubgraphDatabase(subgraph, urls.get(subgraph.name)!, { log });
      try {
        for (const { table, rows } of await subgraph.rebuildRollups!(database.orm.em.fork())) log(`  ${table.padEnd(34)} ${formatCount(rows).padStart(12)} rows rebuilt`);
      } finally {
        await database.close();
      }
    }
    for (const [url, admin] of admins) {
      for (const subgraph of subgraphsAt(urls, url)) {
        const rows = Object.fromEntries(loads.filter((load) => load.definition.subgraph === subgraph).map((load) => [load.definition.table, load.rows]));
        await admin.query(
          `INSERT INTO ${DATASET_TABLE} (subgraph, households, seed, generator_version, rows, finished_at) VALUES ($1, $2, $3, $4, $5, $6)`,
          [subgraph, options.households, options.seed, GENERATOR_VERSION, JSON.stringify(rows), finishedAt],
        );
      }
    }
    const commitSeconds = (Date.now() - commitStarted) / 1000;

    const databases: GenerateSummary['databases'] = [];
    for (const [url, admin] of admins) {
      const { rows } = await admin.query<{ bytes: string }>('SELECT pg_database_size(current_database()) AS bytes');
      databases.push({ url: redact(url), bytes: Number(rows[0].bytes) });
    }
    const totalSeconds = (Date.now() - started) / 1000;
    const totalRows = loads.reduce((sum, load) => sum + load.rows, 0);
    return {
      households: options.households,
      seed: options.seed,
      generatorVersion: GENERATOR_VERSION,
      indexStrategy,
      startedAt: new Date(started).toISOString(),
      finishedAt,
      seconds: { total: round1(totalSeconds), prepare: round1(prepareSeconds), load: round1(loadSeconds), indexes: round1(indexSeconds), commitAndAnalyze: round1(commitSeconds) },
      totalRows,
      rowsPerSecond: Math.round(totalRows / totalSeconds),
      tables: [...loads]
        .sort((a, b) => b.rows - a.rows)
        .map((load) => ({ table: load.qualified, rows: load.rows, loadSeconds: round1(load.loadSeconds), rowsPerSecond: Math.round(load.rows / load.loadSeconds), indexSeconds: round1(load.indexSeconds) })),
      peakMemoryMb: Math.round(peakRssBytes / 1024 ** 2),
      cpuSeconds: { generator: round1((process.cpuUsage().user + process.cpuUsage().system) / 1e6 - generatorCpuAtStart), postgres: postgresCpu === null ? null : round1(postgresCpu) },
      databases,
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? 'unknown',
        memoryGb: Math.round(os.totalmem() / 1024 ** 3),
        node: process.version,
        loadAverageAtStart: loadAverageAtStart.map(round1),
        loadAverageAtEnd: os.loadavg().map(round1),
      },
    };
  } catch (error) {
    for (const load of loads) load.writer?.abort(error as Error);
    for (const load of loads) await load.client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    for (const load of loads) await load.client.end().catch(() => {});
    for (const admin of admins.values()) await admin.end().catch(() => {});
  }
}

/** The data set recorded in a database by the generator, one row per subgraph; empty when there is none. */
export async function readDatasetRecords(databaseUrl: string): Promise<DatasetRecord[]> {
  const client = await connect(databaseUrl);
  try {
    const { rows } = await client.query<{ exists: boolean }>(`SELECT to_regclass('${DATASET_TABLE}') IS NOT NULL AS exists`);
    if (!rows[0].exists) return [];
    const records = await client.query(`SELECT subgraph, households, seed, generator_version, rows, finished_at FROM ${DATASET_TABLE} ORDER BY subgraph`);
    return records.rows.map((row) => ({
      subgraph: row.subgraph,
      households: Number(row.households),
      seed: Number(row.seed),
      generatorVersion: row.generator_version,
      rows: row.rows,
      finishedAt: new Date(row.finished_at).toISOString(),
    }));
  } finally {
    await client.end();
  }
}

function stopIfAsked(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new GeneratorRefusal('Stopped before the end: every table was rolled back, nothing was changed.');
}

async function backendPid(client: Client): Promise<number> {
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  return rows[0].pid;
}

/** User and system CPU time of a process of this machine, from /proc (Linux); null elsewhere or for another machine's. */
function processCpuSeconds(pid: number): number | null {
  try {
    // A pid from a server on another machine may name an unrelated local process.
    if (fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') return null;
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat (utime, stime), counted after the command name.
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Linux's USER_HZ, the unit of /proc times: 100 on every mainstream architecture. */
const CLOCK_TICKS_PER_SECOND = 100;

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  // A connection the server ends (shutdown, Ctrl+C on the embedded server) fails the query in progress, which
  // reports it; without a listener the event would crash the process first.
  client.on('error', () => {});
  await client.connect();
  return client;
}

/**
 * Checks the tables against the generator's column lists: a column missing, or a table column the generator does not
 * fill that has no default, means the schema moved on without the generator, and the message says which.
 */
async function matchColumns(loads: TableLoad[]): Promise<void> {
  for (const load of loads) {
    const { rows } = await load.client.query<{ column_name: string; is_nullable: 'YES' | 'NO'; column_default: string | null }>(
      'SELECT column_name, is_nullable, column_default FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2',
      [load.definition.subgraph, load.definition.table],
    );
    if (!rows.length) throw new Error(`Table ${load.qualified} does not exist after the migrations ran: the generator's table list (demo/national/tables.ts) is out of date.`);
    const present = new Set(rows.map((row) => row.column_name));
    const missing = load.definition.columns.filter((column) => !present.has(column));
    if (missing.length) throw new Error(`Table ${load.qualified} has no column ${missing.join(', ')} that the generator writes: update demo/national/tables.ts and generator.ts.`);
    const unfilled = rows.filter((row) => !load.definition.columns.includes(row.column_name) && row.is_nullable === 'NO' && row.column_default === null);
    if (unfilled.length) throw new Error(`Table ${load.qualified} requires column ${unfilled.map((row) => row.column_name).join(', ')}, which the generator does not fill: update demo/national/generator.ts.`);
    load.pinnedDefaults = rows
      .filter((row) => row.column_name in PINNED_PROVENANCE && !load.definition.columns.includes(row.column_name))
      .map((row) => ({ column: row.column_name, original: row.column_default }));
  }
}

/** What every generated row says of its provenance: the kind of source, and the data set's date as the import time. */
const PINNED_PROVENANCE: Record<string, string> = { source: GENERATOR_SOURCE, imported_at: DATASET_AS_OF.toISOString() };

/**
 * Sets the provenance columns' defaults to the generator's values for the load (inside its transaction), and queues
 * putting the original defaults back. The defaults ("demo", now()) would be wrong and would change from run to run;
 * writing the same two values in every one of millions of rows would cost the load more than a default does.
 */
async function pinProvenanceDefaults(load: TableLoad): Promise<void> {
  const table = quoteTable(load.qualified);
  for (const { column, original } of load.pinnedDefaults) {
    await load.client.query(`ALTER TABLE ${table} ALTER COLUMN ${quoteIdentifier(column)} SET DEFAULT ${quoteLiteral(PINNED_PROVENANCE[column])}`);
    load.restoreDefaults.push(`ALTER TABLE ${table} ALTER COLUMN ${quoteIdentifier(column)} ${original === null ? 'DROP DEFAULT' : `SET DEFAULT ${original}`}`);
  }
}

function quoteLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

async function refuseToOverwrite(loads: TableLoad[], admins: Map<string, Client>, replace: boolean): Promise<void> {
  const filled: string[] = [];
  for (const load of loads) {
    const { rows } = await load.client.query(`SELECT EXISTS (SELECT 1 FROM ${quoteTable(load.qualified)}) AS filled`);
    if (rows[0].filled) filled.push(load.qualified);
  }
  if (!filled.length || replace) return;
  const records = (await Promise.all([...admins.keys()].map(readDatasetRecords))).flat();
  const what = records.length
    ? `a generated data set of ${formatCount(records[0].households)} households (seed ${records[0].seed}, generated ${records[0].finishedAt})`
    : 'data that the generator did not write (demo data loaded by `npm start`, or imports)';
  const where = filled.length === loads.length ? `all ${loads.length} tables the generator fills hold rows` : `${filled.join(', ')} ${filled.length === 1 ? 'holds' : 'hold'} rows`;
  throw new GeneratorRefusal(
    `The database already holds ${what}: ${where}.\n` +
      `Nothing was changed. To delete those rows and generate anew, run again with --replace: it empties the ${loads.length} tables ` +
      `(${loads.map((load) => load.qualified).join(', ')}); provinces and communes stay.`,
  );
}

/** Drops the table's indexes and unique constraints (in the load's transaction) and returns the statements that rebuild them. */
async function dropIndexes(load: TableLoad): Promise<string[]> {
  const { rows } = await load.client.query<{ index_name: string; index_definition: string; constraint_name: string | null; constraint_definition: string | null }>(
    `SELECT i.relname AS index_name, pg_get_indexdef(i.oid) AS index_definition,
            c.conname AS constraint_name, pg_get_constraintdef(c.oid) AS constraint_definition
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       LEFT JOIN pg_constraint c ON c.conindid = i.oid AND c.conrelid = t.oid AND c.contype IN ('p', 'u', 'x')
      WHERE n.nspname = $1 AND t.relname = $2
      ORDER BY c.contype NULLS LAST, i.relname`,
    [load.definition.subgraph, load.definition.table],
  );
  const table = quoteTable(load.qualified);
  const rebuild: string[] = [];
  for (const row of rows) {
    if (row.constraint_name) {
      await load.client.query(`ALTER TABLE ${table} DROP CONSTRAINT ${quoteIdentifier(row.constraint_name)}`);
      rebuild.push(`ALTER TABLE ${table} ADD CONSTRAINT ${quoteIdentifier(row.constraint_name)} ${row.constraint_definition}`);
    } else {
      await load.client.query(`DROP INDEX ${quoteIdentifier(load.definition.subgraph)}.${quoteIdentifier(row.index_name)}`);
      rebuild.push(row.index_definition);
    }
  }
  return rebuild;
}

async function ensureDatasetTable(client: Client): Promise<void> {
  await client.query(
    `CREATE TABLE IF NOT EXISTS ${DATASET_TABLE} (
       subgraph text PRIMARY KEY, households integer NOT NULL, seed bigint NOT NULL, generator_version text NOT NULL,
       rows jsonb NOT NULL, finished_at timestamptz NOT NULL)`,
  );
}

/** The subgraphs whose data lives in the database at `url`. */
function subgraphsAt(urls: Map<string, string>, url: string): string[] {
  return [...urls].filter(([, subgraphUrl]) => subgraphUrl === url).map(([name]) => name);
}

async function inParallel<T>(items: T[], parallelism: number, work: (item: T) => Promise<unknown>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: Math.min(parallelism, items.length) }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
