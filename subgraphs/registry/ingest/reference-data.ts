import type { EntityManager } from '@mikro-orm/postgresql';
import { writeRowsAsJson } from '../../../platform/database/bulk-insert';
import {
  COMMUNE_CODE_ALIASES,
  currentCommunes,
  currentProvinces,
  legacyCommunes,
  legacyProvinces,
  placesReferenceChecksum,
} from '../../../platform/places';
import { CommuneCodeAlias, LegacyCommune, LegacyCommuneSuccessor, LegacyProvince, ReferenceDataVersion } from '../entities/legacy-place';
import { Commune, placeRow, Province } from '../entities/place';

const PLACES = 'places';

/**
 * Writes the 34 provinces and 3,321 communes (with coordinates and folded names) and the old units with their
 * successors, from platform/places. Runs at every start: when the tables already hold this version of the
 * reference files it costs one statement; otherwise everything is rewritten in one transaction. Current units are
 * upserted, never deleted, since households point at them; the old-unit tables are replaced.
 */
export async function loadPlaces(em: EntityManager): Promise<{ loaded: boolean }> {
  const checksum = placesReferenceChecksum();
  const stored = await em.findOne(ReferenceDataVersion, { name: PLACES });
  if (stored?.checksum === checksum) return { loaded: false };
  await em.transactional(async (tx) => {
    await writeRowsAsJson(tx, Province, currentProvinces().map(placeRow), { upsertOn: ['code'] });
    await writeRowsAsJson(tx, Commune, currentCommunes().map(placeRow), { upsertOn: ['code'] });
    for (const entity of [LegacyCommuneSuccessor, LegacyCommune, LegacyProvince, CommuneCodeAlias]) await tx.nativeDelete(entity, {});
    await writeRowsAsJson(tx, LegacyProvince, legacyProvinces().map(({ code, name, fullName, successorCode }) => ({ code, name, fullName, successorCode })));
    await writeRowsAsJson(tx, LegacyCommune, legacyCommunes().map(({ successorCodes: _successors, ...commune }) => commune));
    await writeRowsAsJson(
      tx,
      LegacyCommuneSuccessor,
      legacyCommunes().flatMap((commune) => commune.successorCodes.map((communeCode, position) => ({ legacyCode: commune.code, position, communeCode }))),
    );
    await writeRowsAsJson(tx, CommuneCodeAlias, COMMUNE_CODE_ALIASES.map(({ code, currentCode, note }) => ({ code, communeCode: currentCode, note })));
    await writeRowsAsJson(tx, ReferenceDataVersion, [{ name: PLACES, checksum, loadedAt: new Date().toISOString() }], { upsertOn: ['name'] });
    // Fresh statistics, so that the planner knows the search and join tables' sizes from the first query on.
    const tables = [Province, Commune, LegacyProvince, LegacyCommune, LegacyCommuneSuccessor].map((entity) => `"${tx.config.get('schema')}"."${tx.getMetadata(entity).tableName}"`);
    await tx.execute(`analyze ${tables.join(', ')}`);
  });
  return { loaded: true };
}
