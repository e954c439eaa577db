import type { EntityManager } from '@mikro-orm/postgresql';
import fs from 'node:fs';
import path from 'node:path';
import { person } from '../demo/people';
import { SeededRandom } from '../demo/random';
import { openSubgraphDatabase } from '../platform/database/orm';
import type { HouseholdMatch, HouseholdMatcher } from '../platform/linking/types';
import { currentCommunes, currentProvince } from '../platform/places';
import type { SubgraphDefinition } from '../platform/subgraph';
import { traceability } from '../subgraphs/traceability';
import { certificatesImporter } from '../subgraphs/traceability/ingest/certificates';
import { growingAreasImporter } from '../subgraphs/traceability/ingest/growing-areas';
import { argument, importer, importFigures, machineFigures, runBenchmark, scratchDatabase, writeFigures } from './ingest-support';

/**
 * Throughput of the traceability imports, as `npx nongsan import certificates|growing-areas` runs them, on a fresh
 * embedded PostgreSQL (or DATABASE_URL): a certificate list and a growing-area list of 100k rows each over real
 * communes, each imported then imported again (a no-op). Figures go to bench/results/traceability-import.json.
 *
 *   npm run bench:traceability -- [--rows 100000] [--port 55481]
 *
 * Four rows in five give the holder's household ID; the rest name the holder in a commune, which the household
 * matcher resolves: here an in-memory stand-in (one map lookup per row), so the figures are those of the import.
 */
const CERTIFICATE_SCHEMES = ['VietGAP', 'GlobalGAP', 'Hữu cơ (TCVN 11041)', 'HACCP', 'OCOP'];
const CROPS = ['Vải', 'Na', 'Cà phê', 'Sầu riêng', 'Lúa', 'Xoài', 'Thanh long', 'Hồ tiêu', 'Bưởi', 'Chè'];
const MARKETS = ['Trung Quốc', 'Hàn Quốc', 'Hoa Kỳ', 'Nhật Bản', 'Úc', 'Đức'];

async function main(): Promise<void> {
  const rows = Number(argument('--rows') ?? 100_000);
  const scratch = await scratchDatabase('traceability', 55481);
  const database = await openSubgraphDatabase(traceability as SubgraphDefinition, scratch.url);
  try {
    const { certificates, growingAreas, matcher } = writeFiles(scratch.folder, rows);
    const run = importer(database.orm.em as EntityManager, matcher);
    const figures = {
      measuredAt: new Date().toISOString(),
      database: scratch.label,
      rows,
      holders: '80% by household ID, 20% by name in the commune (in-memory matcher stand-in)',
      certificates: { first: importFigures(await run(certificatesImporter, certificates)), again: importFigures(await run(certificatesImporter, certificates)) },
      growingAreas: { first: importFigures(await run(growingAreasImporter, growingAreas)), again: importFigures(await run(growingAreasImporter, growingAreas)) },
      machine: machineFigures(),
    };
    for (const [source, result] of [['certificates', figures.certificates], ['growing areas', figures.growingAreas]] as const) {
      console.log(`${source}: ${result.first.read} rows, first import ${result.first.rowsPerSecond} rows/s, again (no-op) ${result.again.rowsPerSecond} rows/s`);
    }
    writeFigures('traceability-import.json', figures);
  } finally {
    await database.close();
    await scratch.stop();
  }
}

/** Both lists over the same holders; the matcher knows the holders named without an ID. */
function writeFiles(folder: string, rows: number): { certificates: string; growingAreas: string; matcher: HouseholdMatcher } {
  const random = new SeededRandom(11);
  const communes = currentCommunes();
  const byNameInCommune = new Map<string, string>();
  const certificateLines = ['STT,Loại chứng nhận,Số giấy chứng nhận,Chủ thể,Mã hộ,Xã/Phường,Tỉnh/Thành phố,Sản phẩm,Tổ chức chứng nhận,Ngày cấp,Ngày hết hạn,Số sao'];
  const areaLines = ['Mã số vùng trồng,"Tổ chức, cá nhân đăng ký",Mã hộ,Xã/Phường,Tỉnh,Cây trồng,Diện tích (ha),Thị trường xuất khẩu,Ngày cấp'];
  for (let index = 0; index < rows; index++) {
    const commune = communes[random.int(0, communes.length - 1)];
    const province = currentProvince(commune.provinceCode)!.name;
    const householdId = `HH-${commune.code}-${String(index % 100_000).padStart(5, '0')}`;
    const holder = person(random).fullName;
    const byId = random.chance(0.8);
    if (!byId) byNameInCommune.set(`${holder}|${commune.code}`, householdId);
    const scheme = CERTIFICATE_SCHEMES[index % CERTIFICATE_SCHEMES.length];
    const crop = CROPS[random.int(0, CROPS.length - 1)];
    const year = random.int(2022, 2026);
    const day = `${String(random.int(1, 28)).padStart(2, '0')}/${String(random.int(1, 12)).padStart(2, '0')}`;
    certificateLines.push([
      String(index + 1), scheme, `BENCH-${scheme.slice(0, 2).toUpperCase()}-${String(index).padStart(7, '0')}`, holder, byId ? householdId : '',
      commune.name, province, crop, 'Trung tâm Chất lượng Nông lâm thủy sản vùng 1', `${day}/${year}`, `${day}/${year + 3}`,
      scheme === 'OCOP' ? String(random.int(3, 5)) : '',
    ].join(','));
    const markets = [MARKETS[random.int(0, MARKETS.length - 1)], MARKETS[random.int(0, MARKETS.length - 1)]];
    areaLines.push([
      `VN-BENCH-${String(index).padStart(7, '0')}`, holder, byId ? householdId : '', commune.name, province, crop,
      `"${random.decimal(0.5, 80, 1).toFixed(1).replace('.', ',')}"`, [...new Set(markets)].join('; '), `${day}/${year}`,
    ].join(','));
  }
  const certificates = path.join(folder, 'chung-nhan.csv');
  const growingAreas = path.join(folder, 'vung-trong.csv');
  fs.writeFileSync(certificates, certificateLines.join('\n') + '\n');
  fs.writeFileSync(growingAreas, areaLines.join('\n') + '\n');
  const matchOne = (name: string | null | undefined, communeCode: string | null | undefined): HouseholdMatch => {
    const householdId = byNameInCommune.get(`${name}|${communeCode}`);
    if (!householdId) return { householdId: null, method: null, confidence: 0, status: 'UNLINKED', candidates: [] };
    return { householdId, method: 'NAME_AND_COMMUNE', confidence: 0.85, status: 'LINKED', candidates: [{ householdId, method: 'NAME_AND_COMMUNE', confidence: 0.85 }] };
  };
  return { certificates, growingAreas, matcher: { match: async (evidence) => evidence.map((one) => matchOne(one.name, one.communeCode)) } };
}

runBenchmark(main);
