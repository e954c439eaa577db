import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { figuresOf, reportQuestion } from '../../../platform/indicators/batch';
import { indicatorsOf } from '../../../platform/indicators/definitions';
import { qualifiedItemFigures } from '../../../platform/indicators/rollups';
import { IndicatorRow, indicatorRow } from '../../../platform/indicators/graphql';
import type { SubgraphContext } from '../../../platform/subgraph';
import { IndicatorReport } from '../entities/references';
import type { TraceabilityLoaders } from '../loaders';

type Context = SubgraphContext<TraceabilityLoaders>;

@Resolver(() => IndicatorReport)
export class IndicatorReportResolver {
  @FieldResolver(() => [IndicatorRow], {
    nullable: true,
    description: 'Rows traceability owns: II.5 (products with traceability on the marketplaces), A.1 (OCOP 3+ products listed online, Nghệ An\'s addition).',
  })
  async traceabilityRows(@Root() report: IndicatorReport, @Ctx() { loaders, viewer }: Context): Promise<IndicatorRow[] | null> {
    const figures = await loaders.indicatorFigures.load(reportQuestion(report));
    return indicatorsOf('traceability').map(({ code }) => indicatorRow(code, figuresOf(figures, code), viewer));
  }
}

/**
 * II.5 for a batch of reports `q`: listings counted on the harvest day of their first lot carrying a QR trace code.
 * A lot's place is its growing area's commune (traceability knows no households' places); lots without a growing
 * area count for the nation only. Read from the item rollups the triggers keep (migration
 * Migration20261205140200_indicator_item_rollups).
 */
export const traceabilityIndicatorStatement = (schema: string) => ({ sql }: { sql: string }): string => `
with q as (select * from ${sql})
${qualifiedItemFigures(schema, ['II.5'], 'commune')}`;
