import type { EntityManager } from '@mikro-orm/postgresql';
import fs from 'node:fs';
import path from 'node:path';
import { mobilePhone, nationalId, person } from '../demo/people';
import { SeededRandom } from '../demo/random';
import { openSubgraphDatabase } from '../platform/database/orm';
import { nationalIdHash } from '../platform/identity/normalise';
import type { HouseholdMatch, HouseholdMatcher } from '../platform/linking/types';
import { currentCommunes, currentProvince, legacyProvinces } from '../platform/places';
import type { SubgraphDefinition } from '../platform/subgraph';
import { statistics } from '../subgraphs/statistics';
import { censusImporter, statisticsImporter } from '../subgraphs/statistics/ingest';
import { CROP_CODES } from '../subgraphs/statistics/vocabulary';
import { argument, importer, importFigures, machineFigures, runBenchmark, scratchDatabase, writeFigures } from './ingest-support';

/**
 * Throughput of the statistics imports, as `npx nongsan import` runs them, on a fresh embedded PostgreSQL (or
 * DATABASE_URL): a census file of 100k household rows (commune names resolved, evidence normalised, matched in
 * batches, upserted), then the same file again (a no-op); an SDMX-CSV table of 100k+ observations of old and current
 * provinces (summed into current ones), then again. Figures go to bench/results/statistics-import.json.
 *
 *   npm run bench:statistics -- [--rows 100000] [--port 55471]
 *
 * The household matcher is an in-memory stand-in over the generated households (one map lookup per record), so
 * the census figures are those of the import itself, not of the registry's matching.
 */
async function main(): Promise<void> {
  const rows = Number(argument('--rows') ?? 100_000);
  const scratch = await scratchDatabase('statistics', 55471);
  const database = await openSubgraphDatabase(statistics as SubgraphDefinition, scratch.url);
  try {
    const { file: censusFile, matcher } = writeCensusFile(path.join(scratch.folder, 'census.csv'), rows);
    const sdmxFile = writeSdmxFile(path.join(scratch.folder, 'crops.sdmx-csv-2.0.csv'), rows);
    const run = importer(database.orm.em as EntityManager, matcher);
    const figures = {
      measuredAt: new Date().toISOString(),
      database: scratch.label,
      census: { rows, first: importFigures(await run(censusImporter, censusFile)), again: importFigures(await run(censusImporter, censusFile)), matcher: 'in-memory stand-in, batches of 5,000' },
      sdmx: { format: 'SDMX-CSV 2.0', first: importFigures(await run(statisticsImporter, sdmxFile)), again: importFigures(await run(statisticsImporter, sdmxFile)) },
    };
    for (const [source, result] of [['census', figures.census], ['sdmx', figures.sdmx]] as const) {
      console.log(`${source}: ${result.first.read} rows, first import ${result.first.rowsPerSecond} rows/s, again (no-op) ${result.again.rowsPerSecond} rows/s`);
    }
    writeFigures('statistics-import.json', { ...figures, machine: machineFigures() });
  } finally {
    await database.close();
    await scratch.stop();
  }
}

/**
 * Census rows over real communes, written as officials do: a CCCD for 60% (with spaces for some), a phone only for
 * 25% (in several formats), a name only for the rest; the matcher knows each row's household.
 */
function writeCensusFile(file: string, rows: number): { file: string; matcher: HouseholdMatcher } {
  const random = new SeededRandom(42);
  const communes = currentCommunes();
  const byIdHash = new Map<string, string>();
  const byPhone = new Map<string, string>();
  const lines = ['Mã hộ điều tra;Họ tên chủ hộ;Số CCCD;Số điện thoại;Xã/Phường;Tỉnh;Năm điều tra;Diện tích đất nông nghiệp (ha);Cây trồng chính;Số gia súc;Số gia cầm;Số lao động'];
  const crops = Object.values(CROP_CODES).filter((crop) => crop !== '_T');
  for (let index = 0; index < rows; index++) {
    const commune = communes[random.int(0, communes.length - 1)];
    const head = person(random);
    const householdId = `HH-${commune.code}-${String(index).padStart(6, '0')}`;
    const evidence = random.next();
    let id = '';
    let phone = '';
    if (evidence < 0.6) {
      id = nationalId(random, head, commune.provinceCode);
      byIdHash.set(nationalIdHash(id), householdId);
      if (random.chance(0.3)) id = id.replace(/(\d{3})(\d{3})(\d{3})(\d{3})/, '$1 $2 $3 $4');
    } else if (evidence < 0.85) {
      const e164 = mobilePhone(random);
      byPhone.set(e164, householdId);
      phone = random.chance(0.5) ? `0${e164.slice(3)}` : `+84 ${e164.slice(3)}`;
    }
    lines.push([
      `BENCH-${String(index).padStart(7, '0')}`, head.fullName, id, phone, commune.fullName, currentProvince(commune.provinceCode)!.name, '2025',
      random.decimal(0.1, 5).toFixed(2).replace('.', ','), `${crops[random.int(0, crops.length - 1)]}, ${crops[random.int(0, crops.length - 1)]}`,
      String(random.int(0, 10)), String(random.int(0, 300)), String(random.int(1, 6)),
    ].join(';'));
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
  const matchOne = (hash: string | null | undefined, phone: string | null | undefined): HouseholdMatch => {
    const byId = hash ? byIdHash.get(hash) : undefined;
    const householdId = byId ?? (phone ? byPhone.get(phone) : undefined);
    if (!householdId) return { householdId: null, method: null, confidence: 0, status: 'UNLINKED', candidates: [] };
    const method = byId ? 'NATIONAL_ID' : 'PHONE';
    const confidence = byId ? 1 : 0.95;
    return { householdId, method, confidence, status: 'LINKED', candidates: [{ householdId, method, confidence }] };
  };
  return { file, matcher: { match: async (evidence) => evidence.map((one) => matchOne(one.nationalIdHash, one.phone)) } };
}

/** An SDMX-CSV 2.0 table of the 63 old provinces (summed into the 34 current ones), 3 measures, every crop code, 2024 backwards. */
function writeSdmxFile(file: string, rows: number): string {
  const random = new SeededRandom(7);
  // One code per crop (RICE and PADDY are both Lúa).
  const crops = [...new Map(Object.entries(CROP_CODES).filter(([code]) => code !== '_T').map(([code, crop]) => [crop, code])).values()];
  const oldCodes = legacyProvinces().map((province) => province.code);
  const lines = ['STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REF_AREA,CROP,MEASURE,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT'];
  const units = { PRODUCTION: 'T', AREA: 'HA', FARMING_HOUSEHOLDS: 'HH' } as const;
  for (let year = 2024; lines.length <= rows; year--) {
    for (const area of oldCodes) {
      for (const crop of crops) {
        for (const measure of ['PRODUCTION', 'AREA', 'FARMING_HOUSEHOLDS'] as const) {
          lines.push(`dataflow,VN_NSO:DF_CROPS(1.0),I,A,${area},${crop},${measure},${year},${random.int(10, 500_000)},${units[measure]},0`);
        }
      }
    }
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

runBenchmark(main);
