import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { figuresOf, reportQuestion } from '../../../platform/indicators/batch';
import { indicatorsOf } from '../../../platform/indicators/definitions';
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
 * area count for the nation only.
 */
export const traceabilityIndicatorStatement = (schema: string) => ({ sql }: { sql: string }): string => `
select q.key, 'II.5' as code,
  count(*) filter (where x.day >= q.p_from and x.day < q.p_to) as achieved,
  count(*) filter (where x.day >= q.q_from and x.day < q.q_to) as previous,
  count(*) filter (where x.day < q.p_to) as cumulative
from ${sql}
join (
  select l.listing_id, min(g.commune_code) as commune_code, min((l.harvested_at at time zone 'Asia/Ho_Chi_Minh')::date) as day
  from "${schema}"."lot" l
  left join "${schema}"."growing_area" g on g.id = l.growing_area_id
  where l.listing_id is not null and exists (select 1 from "${schema}"."trace_code" c where c.lot_id = l.id)
  group by l.listing_id
) x on q.communes is null or x.commune_code = any(q.communes)
group by q.key`;
