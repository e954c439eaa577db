// Loaded first by the subgraphs' index files, before anything else brings the metadata polyfill type-graphql needs.
import 'reflect-metadata';
import { type ClassType, Directive, Field, Float, ObjectType } from 'type-graphql';
import type { Viewer } from '../access/roles';
import { suppressSmallCount } from '../access/suppression';
import { indicator } from './definitions';

/**
 * The report's shape, shared by the subgraphs that compute rows: `IndicatorReport` is an entity keyed by scope and
 * period (the registry resolves it; each owner adds its rows), `IndicatorRow` a value type they all return.
 */

@ObjectType({ description: 'One indicator of a report (một chỉ tiêu): the period, the one before, and the total to the end of the period.' })
@Directive('@shareable')
export class IndicatorRow {
  @Field(() => String, { description: 'Code as in Annex I, e.g. "I.1", "II.2".' })
  code!: string;

  @Field(() => String, { description: 'Label as the forms write it (Vietnamese).' })
  labelVi!: string;

  @Field(() => String)
  labelEn!: string;

  @Field(() => String, { description: 'Unit as the forms write it (Đơn vị tính): "Hộ", "Tấn"...' })
  unit!: string;

  @Field(() => Float, { nullable: true, description: 'Achieved in the period; null when suppressed (small count, see note).' })
  achieved!: number | null;

  @Field(() => Float, { nullable: true, description: 'Achieved in the previous period of the same length.' })
  previous!: number | null;

  @Field(() => Float, { nullable: true, description: 'Growth against the previous period in %; null when the previous period had none.' })
  growthPct!: number | null;

  @Field(() => Float, { nullable: true, description: 'Cumulative (lũy kế) to the end of the period.' })
  cumulative!: number | null;

  @Field(() => String, { description: 'What is counted, and why a value is missing when it is.' })
  note!: string;
}

export interface IndicatorFigures {
  achieved: number;
  previous: number;
  cumulative: number;
}

const PUBLIC_VIEWER: Pick<Viewer, 'role'> = { role: 'public' };

/** A row from the owner's figures: labels from the definitions, growth, and small counts suppressed for the viewer. */
export function indicatorRow(code: string, figures: IndicatorFigures, viewer: Pick<Viewer, 'role'> | undefined): IndicatorRow {
  const definition = indicator(code);
  const notes = [definition.counts];
  const shown = (value: number): number | null => {
    if (!definition.smallCountsSuppressed) return value;
    const { value: visible, note } = suppressSmallCount(value, viewer ?? PUBLIC_VIEWER);
    if (note && !notes.includes(note)) notes.push(note);
    return visible;
  };
  const achieved = shown(figures.achieved);
  const previous = shown(figures.previous);
  return {
    code,
    labelVi: definition.labelVi,
    labelEn: definition.labelEn,
    unit: definition.unit,
    achieved,
    previous,
    growthPct: achieved == null || previous == null || previous === 0 ? null : round1(((achieved - previous) / previous) * 100),
    cumulative: shown(figures.cumulative),
    note: notes.join(' '),
  };
}

const round1 = (value: number): number => Math.round(value * 10) / 10;

/**
 * The `IndicatorReport` stub a row-owning subgraph extends (a new class per subgraph: type-graphql adds resolver
 * fields to the class's metadata, see platform/graphql/entity-references.ts).
 */
export function indicatorReportReference(): ClassType<{ scope: string; period: string }> {
  const Reference = { IndicatorReport: class {} }.IndicatorReport;
  Field(() => String)(Reference.prototype, 'scope');
  Field(() => String)(Reference.prototype, 'period');
  Directive('@key(fields: "scope period")')(Reference);
  ObjectType('IndicatorReport')(Reference);
  return Reference as ClassType<{ scope: string; period: string }>;
}

/** `__resolveReference` of `IndicatorReport`, in every subgraph: everything of a report follows from its key. */
export const indicatorReportReferenceResolver = {
  __resolveReference: (reference: { scope: string; period: string }) => ({ scope: reference.scope, period: reference.period }),
};
