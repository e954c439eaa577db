import path from 'node:path';
import { hardLinkingSet } from '../demo/linking-hard-set';
import { labelledLinkingSet, LINKING_SET_RATES, scoreLinking, type LabelledRecord, type LinkingFigures, type RegisteredHead } from '../demo/linking-set';
import { runImport } from '../platform/ingest';
import { AMBIGUITY_BITS, LINK_THRESHOLD, REVIEW_THRESHOLD } from '../platform/linking/decision';
import { LEVELS, PRIOR_WEIGHT } from '../platform/linking/scoring';
import { createRegistryMatcher } from '../subgraphs/registry/linking';
import { householdListImporter } from '../subgraphs/registry/ingest';
import { writeTable } from '../demo/samples/generate-samples';
import { SAMPLE_HEADERS, sampleHouseholdRows } from '../demo/samples/sample-rows';
import { evidenceMarkdown, figuresMarkdown, missesByEvidence, missKinds, missKindsMarkdown, precisionRecallCurve, reviewReasons, type CurvePoint, type EvidenceRow, type MissKinds, type ReviewReasonRow } from './linking-report';
import { benchRegistry, machine, writeBenchResults } from './registry-database';

/**
 * Precision and recall of household linking on two labelled sets: the project's (demo/linking-set.ts) and a
 * harder one covering each failure of the first matcher (demo/linking-hard-set.ts):
 *   npm run bench:linking                          (LINKING_SIZES=20000,200000 by default)
 *   LINKING_RESULTS_SUFFIX=-after npm run bench:linking   (bench/results/linking-<date>-after.md: keeps the day's earlier run)
 * Registries: the demo's (~300 households in 12 communes), then the same with more households listed in those
 * communes (20,000: ~1,700 a commune, a real commune's size; 200,000: far more namesakes than life has). Above
 * LINKING_SAMPLE_HEADS (25,000) households, the records are drawn for every n-th head only, and matched against
 * the whole registry.
 * Writes bench/results/linking-<date>.json and .md, with the precision-recall curve of each.
 */

const SEED = 4460;
const SIZES = (process.env.LINKING_SIZES ?? '20000,200000').split(',').map(Number).filter((size) => size > 0);
/** Heads the labelled sets are drawn from, at most: a big registry is searched whole, but sampled for records. */
const SAMPLE_HEADS = Number(process.env.LINKING_SAMPLE_HEADS ?? 25_000);

interface SetResult {
  figures: LinkingFigures;
  curve: CurvePoint[];
  reviewReasons: ReviewReasonRow[];
  byEvidence: { misses: EvidenceRow[]; wrongLinks: EvidenceRow[] };
  missKinds: MissKinds;
  matchSeconds: number;
  recordsPerSecond: number;
}

interface Scenario {
  name: string;
  households: number;
  project: SetResult;
  hard: SetResult;
}

async function main(): Promise<void> {
  const bench = await benchRegistry();
  const scenarios: Scenario[] = [];
  try {
    scenarios.push(await scenario(bench.database.orm.em.fork(), 'demo registry'));
    let imported = 0;
    for (const size of SIZES) {
      const file = path.join(bench.workDir, `extra-${size}.csv`);
      // Each step adds the households the previous did not: the registry grows to `size` extra households.
      await writeTable(file, [...SAMPLE_HEADERS], sampleHouseholdRows({ seed: SEED + size, count: size - imported, places: 'demo' }));
      const result = await runImport(householdListImporter, file, { em: bench.database.orm.em.fork(), partial: true });
      imported += result.inserted;
      console.error(`Imported ${result.inserted} extra households (${result.rejected} rows refused)`);
      scenarios.push(await scenario(bench.database.orm.em.fork(), `demo + ${imported.toLocaleString('en-US')} households in the same communes`));
    }
  } finally {
    await bench.stop();
  }
  const result = {
    benchmark: 'household linking',
    date: new Date().toISOString(),
    machine: machine(),
    seed: SEED,
    rules: { LINK_THRESHOLD, REVIEW_THRESHOLD, AMBIGUITY_BITS, PRIOR_WEIGHT, LEVELS },
    testSetRates: LINKING_SET_RATES,
    scenarios,
  };
  const text = markdown(result.date, scenarios);
  const written = writeBenchResults('linking', result, text, process.env.LINKING_RESULTS_SUFFIX ?? '');
  console.log(text);
  console.log(`Wrote ${written.json} and ${written.md}`);
}

async function scenario(em: Parameters<typeof createRegistryMatcher>[0], name: string): Promise<Scenario> {
  const heads = (await em.getConnection().execute(
    `select id, head_name as "headName", phone, national_id as "nationalId", commune_code as "communeCode", province_code as "provinceCode",
            head_birth_year as "birthYear", members, street_address as "streetAddress"
       from registry.household order by id`,
  )) as RegisteredHead[];
  const measure = async (records: LabelledRecord[]): Promise<SetResult> => {
    const started = process.hrtime.bigint();
    const matches = await createRegistryMatcher(em).match(records.map((record) => record.evidence));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { figures: scoreLinking(records, matches), curve: precisionRecallCurve(records, matches), reviewReasons: reviewReasons(records, matches), byEvidence: missesByEvidence(records, matches), missKinds: missKinds(records, matches), matchSeconds: Math.round(seconds * 1000) / 1000, recordsPerSecond: Math.round(records.length / seconds) };
  };
  // Every n-th head (in id order) when the registry is big: records are drawn for a sample, matched against all.
  const step = Math.max(1, Math.ceil(heads.length / SAMPLE_HEADS));
  const sampled = heads.filter((_, index) => index % step === 0);
  return { name, households: heads.length, project: await measure(labelledLinkingSet(sampled, SEED)), hard: await measure(hardLinkingSet(sampled, SEED)) };
}

function markdown(date: string, scenarios: Scenario[]): string {
  const percent = (value: number) => `${(value * 100).toFixed(1)} %`;
  const lines = [
    `# Household linking: precision and recall (${date.slice(0, 10)})`,
    '',
    `Machine: ${machine()}. Seed ${SEED}. Sets: demo/linking-set.ts (the project's) and demo/linking-hard-set.ts (the failures of issue 12); model: platform/linking/scoring.ts, decision.ts. LINKED from probability ${LINK_THRESHOLD}, REVIEW from ${REVIEW_THRESHOLD}, a second candidate within ${AMBIGUITY_BITS} bits makes a review.`,
    '',
    '| registry | set | records | precision of LINKED | recall | recall with review | records/s |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...scenarios.flatMap((entry) => (['project', 'hard'] as const).map((set) => {
      const { figures, recordsPerSecond } = entry[set];
      return `| ${entry.households.toLocaleString('en-US')} households | ${set} | ${figures.records} | ${percent(figures.linked.precision)} (${figures.linked.wrong} wrong) | ${percent(figures.linked.recall)} | ${percent(figures.recallWithReview)} | ${recordsPerSecond.toLocaleString('en-US')} |`;
    })),
    '',
  ];
  for (const entry of scenarios) {
    lines.push(`## ${entry.name} (${entry.households.toLocaleString('en-US')} households)`, '');
    lines.push(...figuresMarkdown("The project's set", entry.project.figures, entry.project.curve, entry.project.reviewReasons), ...missKindsMarkdown(entry.project.missKinds), ...evidenceMarkdown(entry.project.byEvidence));
    lines.push(...figuresMarkdown('The harder set', entry.hard.figures, entry.hard.curve, entry.hard.reviewReasons), ...missKindsMarkdown(entry.hard.missKinds), ...evidenceMarkdown(entry.hard.byEvidence));
  }
  return lines.join('\n');
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
