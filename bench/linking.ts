import path from 'node:path';
import { labelledLinkingSet, LINKING_SET_RATES, scoreLinking, type LinkingFigures, type RegisteredHead } from '../demo/linking-set';
import { runImport } from '../platform/ingest';
import { AMBIGUITY_MARGIN, CONFIDENCE, createRegistryMatcher, LINK_THRESHOLD, REVIEW_THRESHOLD } from '../subgraphs/registry/linking';
import { householdListImporter } from '../subgraphs/registry/ingest';
import { writeTable } from '../subgraphs/registry/ingest/samples/generate-samples';
import { SAMPLE_HEADERS, sampleHouseholdRows } from '../subgraphs/registry/ingest/samples/sample-rows';
import { benchRegistry, machine, writeBenchResults } from './registry-database';

/**
 * Precision and recall of household linking on a labelled set (demo/linking-set.ts):
 *   npm run bench:linking
 * Two registries: the demo's (~300 households in 12 communes), and the same with 20,000 more households listed in
 * those communes (about 1,700 a commune, a real commune's size, so namesakes are as common as in life).
 * Writes bench/results/linking-<date>.json and .md.
 */

const SEED = 4460;
const EXTRA_HOUSEHOLDS = Number(process.env.LINKING_EXTRA_HOUSEHOLDS ?? 20_000);

interface Scenario {
  name: string;
  households: number;
  records: number;
  matchSeconds: number;
  recordsPerSecond: number;
  figures: LinkingFigures;
}

async function main(): Promise<void> {
  const bench = await benchRegistry();
  const scenarios: Scenario[] = [];
  try {
    scenarios.push(await scenario(bench.database.orm.em.fork(), 'demo registry'));
    const file = path.join(bench.workDir, 'extra-households.csv');
    await writeTable(file, [...SAMPLE_HEADERS], sampleHouseholdRows({ seed: SEED, count: EXTRA_HOUSEHOLDS, places: 'demo' }));
    const imported = await runImport(householdListImporter, file, { em: bench.database.orm.em.fork(), partial: true });
    console.error(`Imported ${imported.inserted} extra households (${imported.rejected} rows refused)`);
    scenarios.push(await scenario(bench.database.orm.em.fork(), `demo + ${EXTRA_HOUSEHOLDS.toLocaleString('en-US')} households in the same communes`));
  } finally {
    await bench.stop();
  }
  const result = {
    benchmark: 'household linking',
    date: new Date().toISOString(),
    machine: machine(),
    seed: SEED,
    rules: { LINK_THRESHOLD, REVIEW_THRESHOLD, AMBIGUITY_MARGIN, CONFIDENCE },
    testSetRates: LINKING_SET_RATES,
    scenarios,
  };
  const written = writeBenchResults('linking', result, markdown(result.date, scenarios));
  console.log(markdown(result.date, scenarios));
  console.log(`Wrote ${written.json} and ${written.md}`);
}

async function scenario(em: Parameters<typeof createRegistryMatcher>[0], name: string): Promise<Scenario> {
  const heads = (await em.getConnection().execute(
    `select id, head_name as "headName", phone, national_id as "nationalId", commune_code as "communeCode", province_code as "provinceCode"
       from registry.household order by id`,
  )) as RegisteredHead[];
  const records = labelledLinkingSet(heads, SEED);
  const started = process.hrtime.bigint();
  const matches = await createRegistryMatcher(em).match(records.map((record) => record.evidence));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { name, households: heads.length, records: records.length, matchSeconds: round(seconds), recordsPerSecond: Math.round(records.length / seconds), figures: scoreLinking(records, matches) };
}

function markdown(date: string, scenarios: Scenario[]): string {
  const percent = (value: number) => `${(value * 100).toFixed(1)} %`;
  const lines = [`# Household linking: precision and recall (${date.slice(0, 10)})`, '', `Machine: ${machine()}. Seed ${SEED}. Test set: demo/linking-set.ts; rules: subgraphs/registry/linking/matcher.ts.`, ''];
  for (const { name, households, records, figures, recordsPerSecond } of scenarios) {
    lines.push(
      `## ${name}`,
      '',
      `${households.toLocaleString('en-US')} registered households; ${records.toLocaleString('en-US')} records of another source (${figures.registered.toLocaleString('en-US')} of registered households, ${figures.notRegistered.toLocaleString('en-US')} of people not registered); matched at ${recordsPerSecond.toLocaleString('en-US')} records/s.`,
      '',
      '| | |',
      '| --- | --- |',
      `| LINKED | ${figures.linked.count} (${figures.linked.wrong} wrong) |`,
      `| precision of LINKED | ${percent(figures.linked.precision)} |`,
      `| recall (registered records LINKED correctly) | ${percent(figures.linked.recall)} |`,
      `| recall counting REVIEW lists that hold the right household | ${percent(figures.recallWithReview)} |`,
      `| REVIEW | ${figures.review.count} (${figures.review.ofRegistered} registered, ${figures.review.ofNotRegistered} not) |`,
      `| UNLINKED | ${figures.unlinked.count} (${figures.unlinked.ofRegistered} registered, ${figures.unlinked.ofNotRegistered} not) |`,
      '',
      '| method | LINKED | correct | precision |',
      '| --- | --- | --- | --- |',
      ...Object.entries(figures.byMethod).map(([method, entry]) => `| ${method} | ${entry.linked} | ${entry.correct} | ${percent(entry.precision)} |`),
      '',
      '| records of | count | LINKED | LINKED correctly | REVIEW | UNLINKED |',
      '| --- | --- | --- | --- | --- | --- |',
      ...Object.entries(figures.byKind).map(([kind, entry]) => `| ${kind} | ${entry.count} | ${entry.linked} | ${entry.linkedCorrectly} | ${entry.review} | ${entry.unlinked} |`),
      '',
      '| registered records with this mistake | count | LINKED correctly (recall) | REVIEW |',
      '| --- | --- | --- | --- |',
      ...Object.entries(figures.byMistake).sort(([a], [b]) => a.localeCompare(b)).map(([mistake, entry]) => `| ${mistake} | ${entry.count} | ${entry.linkedCorrectly} (${percent(entry.recall)}) | ${entry.review} |`),
      '',
    );
  }
  return lines.join('\n');
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
