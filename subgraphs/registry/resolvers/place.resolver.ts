import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { normalisePlaceCode, resolveCommune, resolveProvince } from '../../../platform/places';
import type { SubgraphContext } from '../../../platform/subgraph';
import { LegacyCommune, LegacyProvince } from '../entities/legacy-place';
import { Commune, Province } from '../entities/place';
import type { RegistryLoaders } from '../loaders';

type Context = SubgraphContext<RegistryLoaders>;

/*
 * Codes are resolved by platform/places, in memory, by the same rules importers use: a current code is the current
 * unit, a corrected code its unit, an old code the unit it became part of. Only the unit itself is read from the
 * database, through the batched loaders.
 */

@Resolver(() => Province)
export class ProvinceResolver {
  @Query(() => Province, {
    nullable: true,
    description: 'A province by its two-digit code. An old code (one of the 63 provinces before July 2025) gives the province it merged into.',
  })
  province(@Arg('code', () => String) code: string, @Ctx() { loaders }: Context): Promise<Province | null> | null {
    const match = normalisePlaceCode(code, 'province') ? resolveProvince(code) : null;
    return match ? loaders.province.load(match.units[0].code) : null;
  }

  @Query(() => [Province], { description: 'The 34 provinces, by code.' })
  provinces(@Ctx() { em }: Context): Promise<Province[]> {
    return em.find(Province, {}, { orderBy: { code: 'asc' } });
  }

  @FieldResolver(() => [Commune], { description: 'Communes of the province, by code.' })
  communes(@Root() province: Province, @Ctx() { loaders }: Context): Promise<Commune[]> {
    return loaders.communesOfProvince.load(province.code);
  }

  @FieldResolver(() => [LegacyProvince], { description: 'The provinces before July 2025 merged into this one, by code.' })
  legacyCodes(@Root() province: Province, @Ctx() { loaders }: Context): Promise<LegacyProvince[]> {
    return loaders.legacyProvincesOf.load(province.code);
  }
}

@Resolver(() => Commune)
export class CommuneResolver {
  @Query(() => Commune, {
    nullable: true,
    description:
      'A commune by its five-digit code. An old code (before July 2025) gives the commune it became part of; for an old ' +
      'commune that was divided, the successor that kept its code, or else the first the mapping lists (`legacyCommune` ' +
      'gives them all). A corrected code (Ba Chẽ 06970 -> 06978, Ia Mơ 23737 -> 23938) gives its commune.',
  })
  commune(@Arg('code', () => String) code: string, @Ctx() { loaders }: Context): Promise<Commune | null> | null {
    const match = resolveCommune({ code });
    return match ? loaders.commune.load(match.units[0].code) : null;
  }

  @Query(() => LegacyCommune, {
    nullable: true,
    description: 'A commune as it was before July 2025, by its old five-digit code, with every current commune it became part of.',
  })
  legacyCommune(@Arg('code', () => String) code: string, @Ctx() { loaders }: Context): Promise<LegacyCommune | null> | null {
    const padded = normalisePlaceCode(code, 'commune');
    return padded ? loaders.legacyCommune.load(padded) : null;
  }

  @FieldResolver(() => Province)
  async province(@Root() commune: Commune, @Ctx() { loaders }: Context): Promise<Province> {
    return (await loaders.province.load(commune.provinceCode))!;
  }

  @FieldResolver(() => [LegacyCommune], { description: 'The communes before July 2025 that became (wholly or partly) this one, by code.' })
  legacyCodes(@Root() commune: Commune, @Ctx() { loaders }: Context): Promise<LegacyCommune[]> {
    return loaders.legacyCommunesOf.load(commune.code);
  }
}

@Resolver(() => LegacyProvince)
export class LegacyProvinceResolver {
  @FieldResolver(() => Province, { description: 'The current province it merged into.' })
  async successor(@Root() legacy: LegacyProvince, @Ctx() { loaders }: Context): Promise<Province> {
    return (await loaders.province.load(legacy.successorCode))!;
  }
}

@Resolver(() => LegacyCommune)
export class LegacyCommuneResolver {
  @FieldResolver(() => [Commune], {
    description:
      'The current communes it became part of: one, or several if it was divided. The first is the one `commune(code:)` ' +
      'gives for this code, unless the code is also a corrected code of a current commune (23737).',
  })
  successors(@Root() legacy: LegacyCommune, @Ctx() { loaders }: Context): Promise<Commune[]> {
    return loaders.successorsOf.load(legacy.code);
  }
}
