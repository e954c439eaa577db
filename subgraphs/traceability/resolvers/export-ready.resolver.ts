import { Arg, Args, Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { calendarDateArgument, todayInVietnam } from '../../../platform/graphql/dates';
import { checkPageSize, ConnectionType, decodeCursor, PageArgs, toPage, type Page } from '../../../platform/graphql/pagination';
import { currentCommune } from '../../../platform/places';
import type { SubgraphContext } from '../../../platform/subgraph';
import { Certification } from '../entities/certification';
import { GrowingArea } from '../entities/growing-area';
import { Commune, Household } from '../entities/references';
import { acceptedSchemes, marketArgument } from '../export-markets';
import type { TraceabilityLoaders } from '../loaders';
import { CertificationScheme } from '../vocabulary';
import { communesOfProvinceArgument, containsPattern } from '../../../platform/graphql/place-arguments';

type Context = SubgraphContext<TraceabilityLoaders>;

@ObjectType({
  description:
    'A producer ready to export to a market: a certificate valid on the day asked that the market accepts, and a growing-area ' +
    'code registered for that market. One row per certificate and growing area.',
})
export class ExportReadyProducer {
  @Field(() => Household, { nullable: true, description: 'The producer; its contact fields follow the access rules of Household (consent to export contact).' })
  household!: Household;

  @Field(() => String, { description: 'ISO 3166-1 alpha-2 code of the market.' })
  market!: string;

  @Field(() => String, { description: 'The crop the growing-area code is issued for, e.g. "Vải".' })
  product!: string;

  @Field(() => CertificationScheme)
  scheme!: CertificationScheme;

  @Field(() => String, { description: 'Last day the certificate is valid (YYYY-MM-DD).' })
  certificateValidUntil!: string;

  @Field(() => String, { description: 'The growing-area code (mã số vùng trồng) registered for the market.' })
  growingAreaCode!: string;

  @Field(() => String, { description: 'Two-digit code of the province the growing area lies in.' })
  provinceCode!: string;

  certificationId!: string;
  growingAreaId!: string;
  communeCode!: string;
}

const ExportReadyConnection = ConnectionType(ExportReadyProducer, 'ExportReadyProducer');
type ExportReadyPage = Page<ExportReadyProducer> & { count: () => Promise<number> };

interface ReadyRow {
  household_id: string;
  certification_id: string;
  growing_area_id: string;
  crop: string;
  scheme: CertificationScheme;
  valid_until: string;
  code: string;
  commune_code: string;
}

const cursorOf = (row: ExportReadyProducer) => `${row.household.id}|${row.certificationId}|${row.growingAreaId}`;

@Resolver(() => ExportReadyProducer)
export class ExportReadyProducerResolver {
  @Query(() => ExportReadyConnection, {
    description:
      'Export-ready producers for a foreign market (Sở Công Thương): a certificate that market accepts (GlobalGAP, organic, ' +
      'VietGAP for China...), valid on `validOn` (default today), and a growing-area code registered for the market. ' +
      'Ordered by household; filter by province (of the growing area) and product (part of the crop name).',
  })
  async exportReadyProducers(
    @Arg('market', () => String, { description: 'ISO 3166-1 alpha-2 code of the importing country, e.g. "CN".' }) market: string,
    @Arg('provinceCode', () => String, { nullable: true }) provinceCode: string | null | undefined,
    @Arg('product', () => String, { nullable: true, description: 'Part of the crop name, e.g. "Vải"; case-insensitive.' }) product: string | null | undefined,
    @Arg('validOn', () => String, { nullable: true, description: 'Day the certificate must be valid on (YYYY-MM-DD); default today in Vietnam.' })
    validOn: string | null | undefined,
    @Args() { first, after }: PageArgs,
    @Ctx() { em }: Context,
  ): Promise<ExportReadyPage> {
    checkPageSize(first);
    const country = marketArgument(market);
    const day = validOn ? calendarDateArgument(validOn, 'validOn') : todayInVietnam();
    const communes = communesOfProvinceArgument(provinceCode);
    const cursor = decodeCursor(after)?.split('|');
    const knex = em.getKnex();
    const schema = em.config.get('schema')!;
    // One statement per page: certificates joined to the same household's growing areas registered for the market.
    const matching = () => {
      const query = knex('certification as c')
        .withSchema(schema)
        .join('growing_area as g', (join) => join.on('g.household_id', 'c.household_id').andOn(knex.raw('? = any(g.export_markets)', [country])))
        .whereRaw('c.scheme::text = any(?::text[])', [[...acceptedSchemes(country)]])
        .where('c.valid_from', '<=', day)
        .where('c.valid_until', '>=', day);
      if (communes) query.whereRaw('g.commune_code = any(?::text[])', [communes]);
      if (product?.trim()) query.whereRaw(`g.crop ilike ? escape '\\'`, [containsPattern(product)]);
      return query;
    };
    const page = matching()
      .select('c.household_id', 'c.id as certification_id', 'g.id as growing_area_id', 'g.crop', 'c.scheme', knex.raw(`to_char(c.valid_until, 'YYYY-MM-DD') as valid_until`), 'g.code', 'g.commune_code')
      .orderBy(['c.household_id', 'c.id', 'g.id'])
      .limit(first + 1);
    if (cursor) page.whereRaw('(c.household_id, c.id, g.id) > (?, ?, ?)', cursor);
    const rows = (await page) as ReadyRow[];
    const nodes = rows.map((row) => Object.assign(new ExportReadyProducer(), {
      household: { id: row.household_id },
      market: country,
      product: row.crop,
      scheme: row.scheme,
      certificateValidUntil: row.valid_until,
      growingAreaCode: row.code,
      provinceCode: currentCommune(row.commune_code)?.provinceCode ?? '',
      certificationId: row.certification_id,
      growingAreaId: row.growing_area_id,
      communeCode: row.commune_code,
    }));
    return {
      ...toPage(nodes, first, cursorOf),
      count: async () => Number(((await matching().count({ count: '*' })) as { count: string }[])[0].count),
    };
  }

  @FieldResolver(() => Certification, { description: 'The certificate, with its number and issuer.' })
  async certification(@Root() row: ExportReadyProducer, @Ctx() { loaders }: Context): Promise<Certification> {
    return (await loaders.certification.load(row.certificationId))!;
  }

  @FieldResolver(() => GrowingArea, { description: 'The growing area whose code is registered for the market.' })
  async growingArea(@Root() row: ExportReadyProducer, @Ctx() { loaders }: Context): Promise<GrowingArea> {
    return (await loaders.growingArea.load(row.growingAreaId))!;
  }

  @FieldResolver(() => Commune, { nullable: true, description: 'The commune the growing area lies in.' })
  commune(@Root() row: ExportReadyProducer): Commune {
    return { code: row.communeCode };
  }
}

@Resolver(() => ExportReadyConnection)
export class ExportReadyConnectionResolver {
  @FieldResolver(() => Int, { description: 'Rows matching the filters, over all pages (one count statement, only when asked).' })
  totalCount(@Root() page: ExportReadyPage): Promise<number> {
    return page.count();
  }
}
