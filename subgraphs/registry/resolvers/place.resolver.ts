import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../../platform/subgraph';
import { Commune, Province } from '../entities/place';
import type { RegistryLoaders } from '../loaders';

type Context = SubgraphContext<RegistryLoaders>;

@Resolver(() => Province)
export class ProvinceResolver {
  @Query(() => Province, { nullable: true, description: 'A province by its two-digit code.' })
  province(@Arg('code', () => String) code: string, @Ctx() { loaders }: Context): Promise<Province | null> {
    return loaders.province.load(code);
  }

  @Query(() => [Province], { description: 'The 34 provinces, by code.' })
  provinces(@Ctx() { em }: Context): Promise<Province[]> {
    return em.find(Province, {}, { orderBy: { code: 'asc' } });
  }

  @FieldResolver(() => [Commune], { description: 'Communes of the province, by code.' })
  communes(@Root() province: Province, @Ctx() { loaders }: Context): Promise<Commune[]> {
    return loaders.communesOfProvince.load(province.code);
  }
}

@Resolver(() => Commune)
export class CommuneResolver {
  @Query(() => Commune, { nullable: true, description: 'A commune by its five-digit code.' })
  commune(@Arg('code', () => String) code: string, @Ctx() { loaders }: Context): Promise<Commune | null> {
    return loaders.commune.load(code);
  }

  @FieldResolver(() => Province)
  async province(@Root() commune: Commune, @Ctx() { loaders }: Context): Promise<Province> {
    return (await loaders.province.load(commune.provinceCode))!;
  }
}
