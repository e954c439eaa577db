import type { EntityManager } from '@mikro-orm/postgresql';
import { Commune, Province } from '../entities/place';
import { currentAdministrativeUnits } from './admin-units';

/** Upserts the 34 provinces and 3,321 communes; running it again changes nothing. */
export async function loadAdministrativeUnits(em: EntityManager): Promise<void> {
  const units = currentAdministrativeUnits();
  const communeCount = units.reduce((sum, province) => sum + province.communes.length, 0);
  if ((await em.count(Province)) === units.length && (await em.count(Commune)) === communeCount) return;
  await em.transactional(async (tx) => {
    await tx.upsertMany(Province, units.map(({ communes: _communes, ...province }) => province));
    await tx.upsertMany(Commune, units.flatMap((province) => province.communes));
  });
}
