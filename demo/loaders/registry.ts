import type { EntityManager } from '@mikro-orm/postgresql';
import { demoDataset } from '../dataset';
import { insertInBatches } from '../../platform/database/bulk-insert';
import { Household, Training } from '../../subgraphs/registry/entities/household';
import { householdIdentityColumns } from '../../subgraphs/registry/linking/identity-columns';
import { HouseholdKind } from '../../subgraphs/registry/vocabulary';

/** Writes the registry's slice of the demo data set: households and their trainings. */
export async function loadRegistryDemo(em: EntityManager): Promise<{ loaded: boolean; rows: number }> {
  if ((await em.count(Household)) > 0) return { loaded: false, rows: 0 };
  const { households } = demoDataset();
  const trainings = households.flatMap((household) =>
    household.trainings.map((training) => ({ householdId: household.id, ...training })),
  );
  await em.transactional(async (tx) => {
    await insertInBatches(
      tx,
      Household,
      households.map(({ head, productKeys: _productKeys, trainings: _trainings, ...household }) => ({
        ...household,
        headName: head.fullName,
        phone: head.phone,
        nationalId: head.nationalId,
        streetAddress: head.streetAddress,
        members: head.members.length ? head.members : null,
        ...householdIdentityColumns({
          headName: head.fullName, nationalId: head.nationalId, communeCode: household.communeCode, members: head.members,
          organisationName: household.kind === HouseholdKind.HOUSEHOLD ? null : household.displayName,
        }),
        source: 'demo',
        importedAt: new Date(),
      })),
    );
    await insertInBatches(tx, Training, trainings);
  });
  return { loaded: true, rows: households.length + trainings.length };
}
