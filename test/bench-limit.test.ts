import { findDifference } from '../bench/compare';
import { readLimitQueries } from '../bench/limit';
import { OPERATION_NAMES } from '../bench/names';
import { loadOperations, verificationSamples } from '../bench/operations';
import { hub, post, withDatabase } from './support/hub';

/**
 * The benchmark's limit is only a limit if it fetches the same data as the hub. `npm run bench` checks it before
 * any load; this checks it on every change, so a renamed column or a new ordering shows up here first.
 */
describe("the benchmark's hand-written SQL", () => {
  const limits = new Map(readLimitQueries().map((query) => [query.operation, query]));

  it.each(OPERATION_NAMES)('answers %s as the gateway does', async (name) => {
    await withDatabase(async (client) => {
      const { operations: [operation], skipped } = await loadOperations([name], client, 42);
      expect(skipped).toEqual([]);
      const limit = limits.get(name)!;
      for (const variables of verificationSamples(operation, 5, 42)) {
        const viaGateway = await post(hub().gatewayUrl, operation.query, variables);
        expect(viaGateway.errors).toBeUndefined();
        const { rows } = await client.query<{ data: string }>(limit.sql, limit.parameters(variables));
        const difference = findDifference(viaGateway.data, JSON.parse(rows[0].data), operation.unorderedPaths);
        expect({ variables, difference }).toEqual({ variables, difference: null });
      }
    });
  });
});
