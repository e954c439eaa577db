import type { FilterQuery } from '@mikro-orm/core';
import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { checkPageSize } from '../graphql/pagination';
import type { SubgraphContext } from '../subgraph';
import { requires, type AccessRule } from './auth-checker';
import { PersonalDataRead } from './processing-log';
import { provinceOfWork } from './province-scope';

const resolvers = new Map<string, Function>();

/**
 * `<subgraph>PersonalDataReads`: the subgraph's processing log, newest first, for officials (their province) and
 * admins (all). One field per subgraph, since each keeps its own log; the platform adds it to every subgraph.
 */
export function processingLogResolver(subgraphName: string): Function {
  const existing = resolvers.get(subgraphName);
  if (existing) return existing;

  @Authorized<AccessRule>(requires('processing-log:read'))
  @Resolver()
  class ProcessingLogResolver {
    @Query(() => [PersonalDataRead], {
      name: `${subgraphName}PersonalDataReads`,
      description: `Reads of personal fields the ${subgraphName} subgraph served, newest first: an official sees their province's, an admin all.`,
    })
    async reads(
      @Ctx() { em, viewer }: SubgraphContext,
      @Arg('householdId', () => ID, { nullable: true, description: 'Only reads of this household.' }) householdId?: string | null,
      @Arg('first', () => Int, { defaultValue: 20, description: 'At most 100.' }) first = 20,
    ): Promise<PersonalDataRead[]> {
      const province = provinceOfWork(viewer);
      const where: FilterQuery<PersonalDataRead> = {
        ...(householdId != null ? { householdId } : {}),
        ...(province ? { provinceCode: province } : {}),
      };
      return em.find(PersonalDataRead, where, { orderBy: { readAt: 'desc', id: 'desc' }, limit: checkPageSize(first) });
    }
  }
  resolvers.set(subgraphName, ProcessingLogResolver);
  return ProcessingLogResolver;
}
