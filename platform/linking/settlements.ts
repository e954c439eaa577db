import { GraphQLError } from 'graphql';
import { HouseholdDirectoryUnavailable, type HouseholdDirectory } from './household-directory';

/** Settlements per request: the review lists write them in a fixed number of statements. */
export const MAX_SETTLEMENTS = 1000;

export function badUserInput(message: string, argumentName = 'settlements'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argumentName } });
}

/**
 * The checks every review list's settle mutation makes before reading anything: at most MAX_SETTLEMENTS, each
 * record once, household ids that can be ids. `noun` names the records in messages ("Shop", "Census record").
 */
export function checkSettlements(settlements: { householdId?: string | null }[], ids: (string | number)[], noun: string): void {
  if (settlements.length > MAX_SETTLEMENTS) throw badUserInput(`At most ${MAX_SETTLEMENTS} settlements per request, got ${settlements.length}.`);
  const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
  if (repeated !== undefined) throw badUserInput(`${noun} ${repeated} is settled twice in this request.`);
  for (const { householdId } of settlements) {
    if (householdId != null && (!householdId.trim() || householdId.length > 32)) throw badUserInput(`"${householdId}" is not a household id.`);
  }
}

/**
 * Refuses settlements to households the registry does not know (asked through its API, one request per thousand
 * ids), before anything is written; a registry that cannot be asked refuses them too, as SUBGRAPH_UNAVAILABLE.
 */
export async function refuseUnknownHouseholds(directory: HouseholdDirectory, settlements: { householdId?: string | null }[]): Promise<void> {
  const ids = settlements.map((settlement) => settlement.householdId).filter((id): id is string => id != null);
  let unknown: string[];
  try {
    unknown = await directory.unknownIds(ids);
  } catch (error) {
    if (error instanceof HouseholdDirectoryUnavailable) throw new GraphQLError(error.message, { extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'registry' } });
    throw error;
  }
  if (unknown.length > 0) {
    throw badUserInput(
      `No household ${unknown.map((id) => `"${id}"`).join(', ')} in the registry: settle to a registered household id (like HH-06463-00001), or to none (householdId: null). Nothing was written.`,
    );
  }
}
