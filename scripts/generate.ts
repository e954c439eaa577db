import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatCount, formatDuration } from '../platform/cli/progress';
import { defaultDatabase, redact } from '../platform/database/default-database';
import type { EmbeddedDatabase } from '../platform/database/embedded';
import { repoRoot } from '../platform/repo-root';
import { generateNationalDataset, GeneratorRefusal, type GenerateSummary, type IndexStrategy } from '../demo/national/load';

export const GENERATE_HELP = `Usage: npm run generate -- --households N [options]

Fills the four subgraphs' tables with a deterministic national-scale data set: households spread over the
3,321 current communes, cooperatives and their members, census records, indicator series, shops, listings
(farm inputs too), orders, growing areas, certificates, lots, EPCIS events and QR codes. The same --households
and --seed always give the same rows.

Options:
  --households N     how many households (required): 300, 100000, 100k, 1M, 5M...
  --seed S           seed of the data set (default 42), a whole number from 0 to 4294967295
  --database-url U   PostgreSQL to fill (default: DATABASE_URL, else the embedded PostgreSQL in DATABASE_DIR
                     on DATABASE_PORT); REGISTRY_DATABASE_URL and the like still give a subgraph its own database
  --replace          empty the generated tables first. Without it the generator refuses to write into tables
                     that hold rows (demo data, imports or an earlier data set), and changes nothing
  --indexes MODE     rebuild (default): drop indexes, load, build them again; keep: load with indexes in place
  --summary FILE     where to write the figures as JSON (default bench/datasets/<size>-seed<seed>.json)
  --json             also print the figures as JSON on stdout
  -h, --help         this text

Stop any hub running on the same database first: the generator empties and locks the tables it fills.
`;

/**
 * The embedded server is ours for the run, so it can be set up for a bulk load: with minimal WAL, PostgreSQL does not
 * write to the WAL the rows COPY puts into a table emptied in the same transaction, and fewer checkpoints interrupt it.
 * Nothing replicates from an embedded server, so nothing is lost; the settings end with this run.
 */
export const BULK_LOAD_SETTINGS = { wal_level: 'minimal', max_wal_senders: '0', max_wal_size: '4GB', checkpoint_timeout: '30min' };

export interface GenerateArguments {
  households: number;
  seed: number;
  databaseUrl?: string;
  replace: boolean;
  indexes: IndexStrategy;
  summary?: string;
  json: boolean;
}

/** The command line as options, `'help'` for --help; a `GeneratorRefusal` that says what is wrong otherwise. */
export function parseGenerateArguments(argv: string[]): GenerateArguments | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        households: { type: 'string' },
        seed: { type: 'string', default: '42' },
        'database-url': { type: 'string' },
        replace: { type: 'boolean', default: false },
        indexes: { type: 'string', default: 'rebuild' },
        summary: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    throw new GeneratorRefusal(`${(error as Error).message} (see --help).`);
  }
  if (values.help) return 'help';
  if (!values.households) throw new GeneratorRefusal('Say how many households to generate, e.g. --households 100000 (see --help).');
  if (values.indexes !== 'rebuild' && values.indexes !== 'keep') throw new GeneratorRefusal(`--indexes must be "rebuild" or "keep" (got "${values.indexes}").`);
  return {
    households: parseCount(values.households, '--households'),
    seed: parseCount(values.seed, '--seed'),
    databaseUrl: values['database-url'],
    replace: values.replace,
    indexes: values.indexes,
    summary: values.summary,
    json: values.json,
  };
}

async function main(): Promise<void> {
  const values = parseGenerateArguments(process.argv.slice(2));
  if (values === 'help') {
    process.stdout.write(GENERATE_HELP);
    return;
  }
  const { households, seed } = values;
  // With --json, stdout carries only the JSON: human lines go to stderr.
  const say = (line: string) => (values.json ? process.stderr : process.stdout).write(`${line}\n`);

  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = values.databaseUrl;
  if (!databaseUrl) {
    const database = await defaultDatabase(undefined, BULK_LOAD_SETTINGS);
    databaseUrl = database.url;
    embedded = database.embedded;
  }
  try {
    say(`Generating ${formatCount(households)} households (seed ${seed}) into ${redact(databaseUrl)}${embedded ? ' (embedded PostgreSQL)' : ''}...`);
    const summary = await generateNationalDataset({
      households, seed, databaseUrl, replace: values.replace, indexes: values.indexes, log: say,
    });
    const file = path.resolve(values.summary ?? path.join(repoRoot(), 'bench', 'datasets', `${sizeLabel(households)}-seed${seed}.json`));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`);
    printSummary(summary, say);
    say(`Figures written to ${path.relative(process.cwd(), file) || file}.`);
    if (values.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  } finally {
    await embedded?.stop();
  }
}

function printSummary(summary: GenerateSummary, say: (line: string) => void): void {
  say('');
  say(`${'table'.padEnd(34)} ${'rows'.padStart(12)} ${'rows/s'.padStart(9)} ${'indexes'.padStart(8)}`);
  for (const table of summary.tables) {
    say(`${table.table.padEnd(34)} ${formatCount(table.rows).padStart(12)} ${formatCount(table.rowsPerSecond).padStart(9)} ${`${table.indexSeconds.toFixed(1)} s`.padStart(8)}`);
  }
  const { seconds } = summary;
  say('');
  say(
    `${formatCount(summary.households)} households, ${formatCount(summary.totalRows)} rows in ${formatDuration(seconds.total)} ` +
      `(${formatCount(summary.rowsPerSecond)} rows/s): prepare ${formatDuration(seconds.prepare)}, load ${formatDuration(seconds.load)}, ` +
      `indexes ${formatDuration(seconds.indexes)}, commit and analyze ${formatDuration(seconds.commitAndAnalyze)}.`,
  );
  for (const database of summary.databases) say(`Database ${database.url}: ${(database.bytes / 1024 ** 3).toFixed(2)} GiB.`);
  const { cpuSeconds, machine } = summary;
  say(
    `CPU: generator ${formatDuration(cpuSeconds.generator)}${cpuSeconds.postgres === null ? '' : `, PostgreSQL ${formatDuration(cpuSeconds.postgres)}`}; ` +
      `peak memory ${formatCount(summary.peakMemoryMb)} MB; ${machine.cpus} CPUs, load average ${machine.loadAverageAtStart[0]} at start, ${machine.loadAverageAtEnd[0]} at the end.`,
  );
  if (summary.skippedColumns.length) say(`Generated but not written (no such column yet): ${summary.skippedColumns.join(', ')}.`);
}

/** 100000, 100_000, 100,000, 100k, 1M, 1.5M. */
function parseCount(text: string, option: string): number {
  const match = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(text.replace(/[_,]/g, ''));
  const value = match ? Number(match[1]) * (match[2].toLowerCase() === 'k' ? 1e3 : match[2].toLowerCase() === 'm' ? 1e6 : 1) : NaN;
  if (!Number.isInteger(value) || value < 0) throw new GeneratorRefusal(`${option} must be a whole number such as 100000, 100k or 1M (got "${text}").`);
  return value;
}

/** 300 -> "300", 100000 -> "100k", 1000000 -> "1M". */
function sizeLabel(count: number): string {
  if (count >= 1e6 && count % 1e6 === 0) return `${count / 1e6}M`;
  if (count >= 1e3 && count % 1e3 === 0) return `${count / 1e3}k`;
  return String(count);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    if (error instanceof GeneratorRefusal) process.stderr.write(`\n${error.message}\n`);
    else process.stderr.write(`\nThe generator failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
