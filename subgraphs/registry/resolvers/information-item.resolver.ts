import { GraphQLError } from 'graphql';
import { Arg, Args, Authorized, Ctx, Field, InputType, Mutation, Query, Resolver } from 'type-graphql';
import { requires, type AccessRule } from '../../../platform/access/auth-checker';
import { refuseOutsideScopes } from '../../../platform/access/province-scope';
import { ConnectionType, findPageById, PageArgs, type Page } from '../../../platform/graphql/pagination';
import { parseReportScope } from '../../../platform/indicators/scope';
import type { SubgraphContext } from '../../../platform/subgraph';
import { InformationItem } from '../entities/information-item';
import { checkedInformationItem, recordInformationItems, type InformationItemFields } from '../information-items';
import type { RegistryLoaders } from '../loaders';
import { InformationChannel } from '../vocabulary';

type Context = SubgraphContext<RegistryLoaders>;

@InputType({ description: 'An information item published to households, as an official records it: the same scope and code update it.' })
export class InformationItemInput implements InformationItemFields {
  @Field(() => String, { description: 'Who publishes it: "VN", a province code or a commune code.' })
  scope!: string;

  @Field(() => String, { description: 'Your code for the item, unique within the scope (e.g. "gia-lua-hang-tuan").' })
  reference!: string;

  @Field(() => String)
  title!: string;

  @Field(() => InformationChannel)
  channel!: InformationChannel;

  @Field(() => String, { description: 'Day first published, YYYY-MM-DD.' })
  publishedOn!: string;

  @Field(() => String, { nullable: true, description: 'A day it was updated, YYYY-MM-DD; each day recorded counts once for III.2.' })
  updatedOn?: string | null;
}

const InformationItemConnection = ConnectionType(InformationItem, 'InformationItem');

/** A recording request can carry a province's year of items; more is a file import. */
const MAX_ITEMS = 1000;

@Resolver(() => InformationItem)
export class InformationItemResolver {
  @Query(() => InformationItemConnection, { description: 'The register of information items published to households in a scope (and the places within it), oldest first.' })
  async informationItems(
    @Arg('scope', () => String, { description: '"VN" (every item), a province code (its items and its communes\') or a commune code.' }) scope: string,
    @Args() page: PageArgs,
    @Ctx() { em }: Context,
  ): Promise<Page<InformationItem>> {
    const parsed = parseReportScope(scope);
    const where = parsed.kind === 'nation' ? {} : parsed.kind === 'province' ? { provinceCode: parsed.provinceCode } : { communeCode: parsed.communeCode };
    return findPageById(em, InformationItem, where, page, (key) => (/^\d{1,18}$/.test(key) ? key : undefined));
  }

  // Officials and admins (information:write); a provincial official for the province and its communes only.
  @Authorized<AccessRule>(requires('information:write'))
  @Mutation(() => [InformationItem], { description: 'Records information items published to households (indicators III.1, III.2): new ones, or updates of those with the same scope and code (an item may come several times, once per update day). All or nothing.' })
  async recordInformationItems(
    @Arg('items', () => [InformationItemInput]) items: InformationItemInput[],
    @Ctx() { em, viewer }: Context,
  ): Promise<InformationItem[]> {
    if (items.length > MAX_ITEMS) {
      throw new GraphQLError(`At most ${MAX_ITEMS} items in one request (got ${items.length}); import a file for more.`, { extensions: { code: 'BAD_USER_INPUT', argumentName: 'items' } });
    }
    const checked = items.map((item, index) => {
      const result = checkedInformationItem(item);
      if ('item' in result) return result.item;
      throw new GraphQLError(`Item ${index + 1} (${item.reference} of ${item.scope}): ${result.field}: ${result.message}. Nothing was recorded.`, {
        extensions: { code: 'BAD_USER_INPUT', argumentName: 'items' },
      });
    });
    refuseOutsideScopes(viewer, checked.map(({ scope }) => scope), 'information items');
    return em.transactional((tx) => recordInformationItems(tx as typeof em, checked, viewer.subject));
  }
}
