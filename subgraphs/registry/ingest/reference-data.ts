import type { EntityManager } from '@mikro-orm/postgresql';
import { currentCommunes, currentProvinces } from '../../../platform/places';
import { Commune, Province } from '../entities/place';

/** Upserts the 34 provinces and 3,321 communes; running it again changes nothing. */
export async function loadAdministrativeUnits(em: EntityManager): Promise<void> {
  const provinces = currentProvinces();
  const communes = currentCommunes();
  if ((await em.count(Province)) === provinces.length && (await em.count(Commune)) === communes.length) return;
  await em.transactional(async (tx) => {
    await tx.upsertMany(Province, provinces.map((province) => ({ ...province })));
    await tx.upsertMany(Commune, communes.map((commune) => ({ ...commune })));
  });
}
