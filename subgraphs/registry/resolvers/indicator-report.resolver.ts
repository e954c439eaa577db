import { GraphQLError } from 'graphql';
import { Arg, Ctx, Directive, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { figuresOf, reportQuestion } from '../../../platform/indicators/batch';
import { indicatorsOf } from '../../../platform/indicators/definitions';
import { qualifiedItemFigures } from '../../../platform/indicators/rollups';
import { IndicatorRow, indicatorRow } from '../../../platform/indicators/graphql';
import type { SubgraphContext } from '../../../platform/subgraph';
import type { RegistryLoaders } from '../loaders';

type Context = SubgraphContext<RegistryLoaders>;

@ObjectType({
  description: 'The programme indicators (Annex I) for a scope and a period. Each subgraph adds the rows of the facts it owns: '
    + '`householdRows` (registry: I.1, I.2, I.4, III.1, III.2, A.2), `salesRows` (marketplace: I.3, II.1-II.4, II.6, II.7, III.3-III.5), '
    + '`traceabilityRows` (traceability: II.5).',
})
@Directive('@key(fields: "scope period")')
export class IndicatorReport {
  @Field(() => String, { description: '"VN", a province code ("24") or a commune code ("07582").' })
  scope!: string;

  @Field(() => String, { description: 'Normalised period: "2026-W23", "2026-06", "2026-Q2", "2026" or "2026-06-01..2026-06-15".' })
  period!: string;
}

const SCOPE_HELP = '"VN", a province code ("24") or a commune code ("07582").';
const PERIOD_HELP = 'ISO week "2026-W23", month "2026-06", quarter "2026-Q2", year "2026", or days "2026-06-01..2026-06-15".';
/** Every province, with room to spare; communes are asked a province at a time. */
const MAX_SCOPES = 100;

/** The reports for `scopes`, after checking each names a place of today's map. */
async function checkedReports(scopes: string[], period: string, loaders: RegistryLoaders): Promise<IndicatorReport[]> {
  const questions = scopes.map((scope) => reportQuestion({ scope, period }));
  const places = await Promise.all(questions.map(({ scope }) => (
    scope.kind === 'nation' ? true : scope.kind === 'province' ? loaders.province.load(scope.provinceCode!) : loaders.commune.load(scope.communeCode!)
  )));
  questions.forEach(({ scope }, n) => {
    if (!places[n]) {
      throw new GraphQLError(`No ${scope.kind} with code "${scope.id}" (codes are today's, since 1 July 2025).`, { extensions: { code: 'BAD_USER_INPUT', argumentName: 'scope' } });
    }
  });
  return questions.map(({ scope, period: parsed }) => ({ scope: scope.id, period: parsed.name }));
}

@Resolver(() => IndicatorReport)
export class IndicatorReportResolver {
  @Query(() => IndicatorReport, { description: 'The programme indicators of a scope (nation "VN", province, commune) over a period.' })
  async indicatorReport(
    @Arg('scope', () => String, { description: SCOPE_HELP }) scope: string,
    @Arg('period', () => String, { description: PERIOD_HELP }) period: string,
    @Ctx() { loaders }: Context,
  ): Promise<IndicatorReport> {
    return (await checkedReports([scope], period, loaders))[0];
  }

  @Query(() => [IndicatorReport], {
    description: 'The same report for several scopes (every province of the nation, say), in the order asked: each subgraph answers all of them at once.',
  })
  async indicatorReports(
    @Arg('scopes', () => [String], { description: SCOPE_HELP }) scopes: string[],
    @Arg('period', () => String, { description: PERIOD_HELP }) period: string,
    @Ctx() { loaders }: Context,
  ): Promise<IndicatorReport[]> {
    if (scopes.length > MAX_SCOPES) {
      throw new GraphQLError(`At most ${MAX_SCOPES} scopes in one request (got ${scopes.length}).`, { extensions: { code: 'BAD_USER_INPUT', argumentName: 'scopes' } });
    }
    return checkedReports(scopes, period, loaders);
  }

  @FieldResolver(() => String, { description: 'What the scope is: "nation", "province" or "commune".' })
  scopeKind(@Root() report: IndicatorReport): string {
    return reportQuestion(report).scope.kind;
  }

  @FieldResolver(() => String, { description: 'Name of the scope, e.g. "Lạng Sơn", or "Việt Nam".' })
  async scopeName(@Root() report: IndicatorReport, @Ctx() { loaders }: Context): Promise<string> {
    const { scope } = reportQuestion(report);
    if (scope.kind === 'nation') return 'Việt Nam';
    const place = scope.kind === 'province' ? await loaders.province.load(scope.provinceCode!) : await loaders.commune.load(scope.communeCode!);
    return place?.name ?? scope.id;
  }

  @FieldResolver(() => String, { description: 'First day of the period (YYYY-MM-DD, Vietnam time).' })
  from(@Root() report: IndicatorReport): string {
    return reportQuestion(report).period.from;
  }

  @FieldResolver(() => String, { description: 'Last day of the period (YYYY-MM-DD), included.' })
  to(@Root() report: IndicatorReport): string {
    const end = new Date(`${reportQuestion(report).period.to}T00:00:00Z`);
    return new Date(end.getTime() - 86_400_000).toISOString().slice(0, 10);
  }

  @FieldResolver(() => Int, { description: 'The year whose targets apply.' })
  year(@Root() report: IndicatorReport): number {
    return reportQuestion(report).period.year;
  }

  @FieldResolver(() => [IndicatorRow], { description: 'Rows the registry owns: I.1 and I.2 (trainings), I.4 (e-payment accounts), III.1 and III.2 (information items), A.2 (standardised digital records).' })
  async householdRows(@Root() report: IndicatorReport, @Ctx() { loaders, viewer }: Context): Promise<IndicatorRow[]> {
    const figures = await loaders.indicatorFigures.load(reportQuestion(report));
    return indicatorsOf('registry').map(({ code }) => indicatorRow(code, figuresOf(figures, code), viewer));
  }
}

/**
 * Households counted once per indicator, on the day they first qualified: their first training of a topic, the
 * opening of their e-payment account, their record becoming standard (A.2); read from the item rollups the triggers
 * keep (migrations Migration20261205140100_indicator_item_rollups, Migration20261206120000_record_standardised_on). `q` is the batch of reports (platform/indicators/batch.ts).
 */
export const registryIndicatorStatement = (schema: string) => ({ sql }: { sql: string }): string => `
with q as (select * from ${sql})
${qualifiedItemFigures(schema, ['I.1', 'I.2', 'I.4', 'A.2'])}`;
