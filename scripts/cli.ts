import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDatabase, redact, subgraphDatabaseUrl } from '../platform/database/default-database';
import type { EmbeddedDatabase } from '../platform/database/embedded';
import { openSubgraphDatabase, type SubgraphDatabase } from '../platform/database/orm';
import { describeSummary, ImportRejected, readColumnOverrides, runImport, type Importer } from '../platform/ingest';
import type { HouseholdMatcher } from '../platform/linking/types';
import type { HouseholdDirectory } from '../platform/linking/household-directory';
import { FORM_KINDS, FORMS, type FormKind } from '../platform/reports/form-kinds';
import type { SubgraphDefinition } from '../platform/subgraph';
import { SUBGRAPHS, subgraphByName } from '../subgraphs';
import { pullMarketplace } from '../subgraphs/marketplace/ingest';
import { keysCommand } from './keys-command';
import { sourcesCommand } from './sources-command';

/** Exit codes: 0 all imported, 1 something was rejected or failed, 2 the command itself was wrong. */
const EXIT_REJECTED = 1;
const EXIT_USAGE = 2;

class UsageError extends Error {}

interface RegisteredImporter {
  importer: Importer<unknown>;
  subgraph: SubgraphDefinition;
}

function registeredImporters(): RegisteredImporter[] {
  return SUBGRAPHS.flatMap((subgraph) => (subgraph.importers ?? []).map((importer) => ({ importer, subgraph })));
}

const GENERAL_HELP = `Nông sản Graph command line

Usage:
  npx nongsan import <source> <file> [--partial] [--columns <mapping.json>] [--sheet <name>] [--quiet]
  npx nongsan import --help               every source and its columns
  npx nongsan import <source> --help      one source
  npx nongsan pull marketplace --platform <POSTMART|VOSO> --url <api base URL> [--token <t>] [--since <cursor>]
                                          [--max-pages <n>]
  npx nongsan keys create|list|revoke ...  API keys (npx nongsan keys --help)
  npx nongsan sources claim|list ...      GTINs and locations of EPCIS capture sources
  npx nongsan report <weekly|monthly|quarterly|annual> --province <code>
                  --week <2026-W23> | --month <2026-06> | --quarter <2026-Q2> | --year <2026>
                  [--commune <code>] [--format xlsx|csv] [--out <file>] [--gateway <url>] [--key <key>]
                  [--organisation <name>] [--name <reporter>] [--phone <phone>] [--email <email>]
                                          the official form (Phụ lục II/III layout) from a running hub (docs/reports.md)
  npx nongsan rollups rebuild             recompute the rollups the indicator reports read (docs/indicators.md)
  npx nongsan --help

The databases are those the hub uses: DATABASE_URL (or <SUBGRAPH>_DATABASE_URL), else the embedded
PostgreSQL in .data/postgres (shared with a running \`npm start\`).`;

const IMPORT_OPTIONS_HELP = `Options:
  --partial              import the valid rows even if some are rejected; the rejected ones are written,
                         with the reason, to <file>.rejects.csv next to the input
  --columns <file.json>  this file's headers, when they differ from the usual ones: {"<column key>": "<header>"}
  --sheet <name>         the XLSX sheet to read (default: the first)
  --quiet                no progress bar

Without --partial a file goes in whole or not at all. Importing the same file again changes nothing;
a corrected file updates what changed. Exit code 0 only when nothing was rejected.`;

function sourceHelp({ importer, subgraph }: RegisteredImporter): string {
  const lines = [`  ${importer.name}: ${importer.title}`, `    format: ${importer.formats}; goes to the ${subgraph.name} subgraph`];
  if (importer.columns?.length) {
    lines.push('    columns (key: accepted headers; * required):');
    for (const column of importer.columns) {
      lines.push(
        `      ${column.required ? '*' : ' '} ${column.key}: ${column.headers.map((header) => `"${header}"`).join(', ')}`,
        `          ${column.description}${column.example ? ` (e.g. ${column.example})` : ''}`,
      );
    }
  }
  for (const note of importer.notes ?? []) lines.push(`    ${note}`);
  return lines.join('\n');
}

function importHelp(only?: RegisteredImporter): string {
  const sources = only ? [only] : registeredImporters();
  return [
    'Usage: npx nongsan import <source> <file> [options]',
    '',
    'Sources:',
    sources.map(sourceHelp).join('\n\n'),
    '',
    IMPORT_OPTIONS_HELP,
  ].join('\n');
}

async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      partial: { type: 'boolean', default: false },
      columns: { type: 'string' },
      sheet: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [sourceName, file] = positionals;
  const importers = registeredImporters();
  const registered = importers.find(({ importer }) => importer.name === sourceName);
  if (values.help) {
    console.log(importHelp(registered));
    return 0;
  }
  if (!sourceName) throw new UsageError(`Which source? One of: ${importers.map(({ importer }) => importer.name).join(', ')}`);
  if (!registered) throw new UsageError(`Unknown source "${sourceName}". Sources: ${importers.map(({ importer }) => importer.name).join(', ')}`);
  if (!file) throw new UsageError(`Which file? Usage: npx nongsan import ${sourceName} <file>`);
  if (positionals.length > 2) throw new UsageError(`One file per import; got ${positionals.slice(1).join(', ')}`);
  const columns = values.columns ? readColumnOverrides(values.columns, registered.importer.columns ?? []) : undefined;

  const session = await DatabaseSession.open();
  try {
    const database = await session.subgraph(registered.subgraph);
    const summary = await runImport(registered.importer, path.resolve(file), {
      em: database.orm.em.fork(),
      partial: values.partial,
      columns,
      sheet: values.sheet,
      quiet: values.quiet,
      householdMatcher: await session.householdMatcher(),
      householdDirectory: await session.householdDirectory(),
    });
    console.log(describeSummary(summary));
    console.log(`Done in ${summary.seconds.toFixed(1)} s.`);
    return summary.rejected > 0 ? EXIT_REJECTED : 0;
  } finally {
    await session.close();
  }
}

const PULL_HELP = `Usage: npx nongsan pull marketplace --platform <POSTMART|VOSO> --url <api base URL> [options]

Pages through the platform's events API (GET <url>/api/v1/events) from where the last pull stopped, taking each
page in with the same rules as the webhook (repeated and older events change nothing), and linking the shops to
registry households by their seller's ID number, phone, or name in the commune; uncertain links wait for an
official in the shopLinkReviews list of the GraphQL API.

Options:
  --token <token>    bearer token; default MARKETPLACE_<PLATFORM>_TOKEN (dev-<platform>-token outside production)
  --since <cursor>   start from this cursor instead of the stored one ("" for the beginning)
  --max-pages <n>    stop after n pages; the next pull goes on from there`;

async function pullCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      platform: { type: 'string' },
      url: { type: 'string' },
      token: { type: 'string' },
      since: { type: 'string' },
      'max-pages': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(PULL_HELP);
    return 0;
  }
  if (positionals[0] !== 'marketplace') throw new UsageError(`Only "pull marketplace" exists.\n${PULL_HELP}`);
  if (!values.platform || !values.url) throw new UsageError(`--platform and --url are required.\n${PULL_HELP}`);
  const maxPages = values['max-pages'] !== undefined ? Number(values['max-pages']) : undefined;
  if (maxPages !== undefined && !(Number.isInteger(maxPages) && maxPages > 0)) throw new UsageError('--max-pages must be a whole number above 0');
  const session = await DatabaseSession.open();
  try {
    const database = await session.subgraph(subgraphByName('marketplace'));
    const householdMatcher = await session.householdMatcher();
    if (!householdMatcher) throw new Error('No subgraph provides household matching: shops cannot be linked to households. Nothing was pulled.');
    const summary = await pullMarketplace({
      em: database.orm.em.fork(),
      householdMatcher,
      platform: values.platform,
      baseUrl: values.url,
      token: values.token,
      since: values.since,
      maxPages,
      log: (line) => console.error(line),
    });
    console.log(
      `${summary.platform}: ${summary.pages} page(s), ${summary.events} events (${summary.newEvents} new, ${summary.duplicates} already seen), ` +
        `${summary.retries} retr${summary.retries === 1 ? 'y' : 'ies'}; next pull starts at ${summary.cursor ?? 'the beginning'}\n` +
        `Shops: ${summary.shopLinks.linked} linked to a household, ${summary.shopLinks.review} waiting for review (shopLinkReviews), ${summary.shopLinks.unlinked} unlinked`,
    );
    return 0;
  } finally {
    await session.close();
  }
}

/** The databases one command needs, opened once (with migrations applied) and closed at the end. */
class DatabaseSession {
  private readonly opened = new Map<string, SubgraphDatabase>();

  private constructor(
    private readonly url: string,
    private readonly embedded?: EmbeddedDatabase,
  ) {}

  static async open(): Promise<DatabaseSession> {
    const { url, embedded } = await defaultDatabase();
    return new DatabaseSession(url, embedded);
  }

  async subgraph(definition: SubgraphDefinition): Promise<SubgraphDatabase> {
    let database = this.opened.get(definition.name);
    if (!database) {
      const url = subgraphDatabaseUrl(definition.name, this.url);
      try {
        database = await openSubgraphDatabase(definition, url);
      } catch (error) {
        throw new Error(`Could not open the ${definition.name} database at ${redact(url)}: ${(error as Error).message}`);
      }
      await definition.loadReferenceData?.(database.orm.em.fork());
      this.opened.set(definition.name, database);
    }
    return database;
  }

  /** The registry's matcher, in-process: imports link their records to registry households. */
  async householdMatcher(): Promise<HouseholdMatcher | undefined> {
    const registry = SUBGRAPHS.find((subgraph) => subgraph.createHouseholdMatcher);
    if (!registry) return undefined;
    const database = await this.subgraph(registry);
    return registry.createHouseholdMatcher!(database.orm.em.fork());
  }

  /** The registry's household directory, in-process: imports refuse records naming households it does not know. */
  async householdDirectory(): Promise<HouseholdDirectory | undefined> {
    const registry = SUBGRAPHS.find((subgraph) => subgraph.createHouseholdDirectory);
    if (!registry) return undefined;
    const database = await this.subgraph(registry);
    return registry.createHouseholdDirectory!(database.orm.em.fork());
  }

  async close(): Promise<void> {
    for (const database of this.opened.values()) await database.close();
    await this.embedded?.stop();
  }
}

/**
 * `report weekly|monthly|quarterly|annual`: downloads the form from a running hub's gateway, as a browser would, with the caller's
 * key (NONGSAN_KEY), so the figures are those the key may see.
 */
async function reportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      province: { type: 'string' }, commune: { type: 'string' }, week: { type: 'string' }, month: { type: 'string' }, quarter: { type: 'string' }, year: { type: 'string' },
      format: { type: 'string', default: 'xlsx' }, out: { type: 'string' }, gateway: { type: 'string' }, key: { type: 'string' },
      organisation: { type: 'string' }, name: { type: 'string' }, phone: { type: 'string' }, email: { type: 'string' },
    },
  });
  const [kind] = positionals;
  if (!FORM_KINDS.includes(kind as FormKind)) throw new UsageError(`Which form? npx nongsan report ${FORM_KINDS.map((one) => `${one} --province 20 --${FORMS[one].parameter.name} ${FORMS[one].parameter.example}`).join(', or report ')}`);
  if (values.format !== 'xlsx' && values.format !== 'csv') throw new UsageError(`--format is xlsx or csv (got "${values.format}")`);
  const { parameter } = FORMS[kind as FormKind];
  const period = values[parameter.name];
  if (!period) throw new UsageError(`The ${kind} form needs --${parameter.name} ${parameter.example}`);
  const gateway = (values.gateway ?? process.env.NONGSAN_GATEWAY_URL ?? 'http://localhost:4000').replace(/\/graphql\/?$/, '').replace(/\/$/, '');
  const search = new URLSearchParams({ [parameter.name]: period });
  for (const name of ['province', 'commune', 'organisation', 'name', 'phone', 'email'] as const) {
    if (values[name]) search.set(name, values[name]!);
  }
  const key = values.key ?? process.env.NONGSAN_KEY;
  const url = `${gateway}/reports/${kind}.${values.format}?${search}`;
  let response: Response;
  try {
    response = await fetch(url, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  } catch (error) {
    throw new Error(`Could not reach the hub at ${gateway} (${(error as Error & { cause?: Error }).cause?.message ?? (error as Error).message}). Start it with npm start, or give --gateway <url>.`);
  }
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as { detail?: string };
    throw new Error(`${response.status}: ${problem.detail ?? response.statusText}`);
  }
  const suggested = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `bao-cao.${values.format}`;
  const file = path.resolve(values.out ?? suggested);
  fs.writeFileSync(file, Buffer.from(await response.arrayBuffer()));
  console.log(`Wrote ${file}`);
  return 0;
}

/** `rollups rebuild`: every subgraph's rollups recomputed from its own rows (after a restore, a manual fix...). */
async function rollupsCommand(args: string[]): Promise<number> {
  const [action, ...extra] = args;
  if (action !== 'rebuild' || extra.length > 0) throw new UsageError('Usage: npx nongsan rollups rebuild');
  const session = await DatabaseSession.open();
  try {
    for (const subgraph of SUBGRAPHS.filter((candidate) => candidate.rebuildRollups)) {
      const started = Date.now();
      const database = await session.subgraph(subgraph);
      for (const { table, rows } of await subgraph.rebuildRollups!(database.orm.em.fork())) {
        console.log(`${table}: ${rows} rows rebuilt in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      }
    }
    return 0;
  } finally {
    await session.close();
  }
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      console.log(GENERAL_HELP);
      return command ? 0 : EXIT_USAGE;
    }
    if (command === 'import') return await importCommand(rest);
    if (command === 'pull') return await pullCommand(rest);
    if (command === 'keys') return await keysCommand(rest);
    if (command === 'sources') return await sourcesCommand(rest);
    if (command === 'rollups') return await rollupsCommand(rest);
    if (command === 'report') return await reportCommand(rest);
    throw new UsageError(`Unknown command "${command}". Commands: import, pull, keys, sources, report, rollups. See npx nongsan --help`);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      return EXIT_USAGE;
    }
    if (error instanceof ImportRejected) {
      console.error(error.message);
      return EXIT_REJECTED;
    }
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(error as Error).message}. See npx nongsan ${command} --help`);
      return EXIT_USAGE;
    }
    console.error(`nongsan ${command}: ${(error as Error).message}`);
    return EXIT_REJECTED;
  }
}

if (require.main === module) {
  process.env.APOLLO_TELEMETRY_DISABLED = '1';
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
