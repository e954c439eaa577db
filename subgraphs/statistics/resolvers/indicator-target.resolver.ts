import { GraphQLError } from 'graphql';
import { Arg, Authorized, Ctx, Directive, Field, FieldResolver, Float, InputType, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { requires, type AccessRule } from '../../../platform/access/auth-checker';
import { refuseOutsideScopes } from '../../../platform/access/province-scope';
import { reportQuestion } from '../../../platform/indicators/batch';
import { INDICATORS, indicator, type IndicatorTarget } from '../../../platform/indicators/definitions';
import type { IndicatorRow } from '../../../platform/indicators/graphql';
import type { SubgraphContext } from '../../../platform/subgraph';
import { IndicatorTargetSetting } from '../entities/indicator-target';
import { targetProblem, targetSetting } from '../indicator-targets';
import { IndicatorReport } from '../entities/references';
import type { StatisticsLoaders } from '../loaders';

type Context = SubgraphContext<StatisticsLoaders>;

@ObjectType({ description: 'An indicator\'s target for the report\'s scope and year, and how far the cumulative figure has come.' })
export class IndicatorCompletion {
  @Field(() => String)
  code!: string;

  @Field(() => Float, { nullable: true, description: 'The target as a number in the row\'s unit; null when its denominator is not known for the scope.' })
  target!: number | null;

  @Field(() => String, { description: 'How the target was set, e.g. "70% of farming households (...): 1,234 in 2025" or "30 (set by an official)".' })
  targetNote!: string;

  @Field(() => Float, { nullable: true, description: 'Cumulative figure / target × 100 (tỉ lệ hoàn thành); null without a target or figure.' })
  completionPct!: number | null;
}

@InputType({ description: 'A target for one indicator, scope and year: give `percent` (of the indicator\'s denominator) or `absolute`.' })
export class IndicatorTargetInput {
  @Field(() => String, { description: '"VN", a province code or a commune code.' })
  scope!: string;

  @Field(() => Int)
  year!: number;

  @Field(() => String, { description: 'Indicator code, e.g. "I.1".' })
  code!: string;

  @Field(() => Float, { nullable: true })
  percent?: number | null;

  @Field(() => Float, { nullable: true })
  absolute?: number | null;
}

const ROW_FIELDS = 'householdRows { code cumulative } salesRows { code cumulative } traceabilityRows { code cumulative }';

@Resolver(() => IndicatorReport)
export class IndicatorTargetResolver {
  @FieldResolver(() => [IndicatorCompletion], {
    nullable: true,
    description: 'Target and completion of every row, from the targets officials set for the scope and year (else the plan\'s) and the statistics office\'s denominators.',
  })
  @Directive(`@requires(fields: "${ROW_FIELDS}")`)
  async completion(@Root() report: IndicatorReport, @Ctx() { loaders }: Context): Promise<IndicatorCompletion[] | null> {
    const { scope, period } = reportQuestion(report);
    const rows = new Map<string, IndicatorRow>([...(report.householdRows ?? []), ...(report.salesRows ?? []), ...(report.traceabilityRows ?? [])].map((row) => [row.code, row]));
    const [settings, denominators] = await Promise.all([
      loaders.indicatorTargets.load({ scope: scope.id, year: period.year }),
      loaders.indicatorDenominators.load({ scope: scope.id, year: period.year }),
    ]);
    return INDICATORS.filter(({ code }) => rows.has(code)).map(({ code }) => {
      const setting = settings.find((candidate) => candidate.code === code);
      const plan = indicator(code).target;
      // A percentage an official sets keeps the plan's denominator (checkedTarget refuses one where the plan has none).
      const target: IndicatorTarget = !setting ? plan : setting.percent != null && 'of' in plan ? { percent: setting.percent, of: plan.of } : { absolute: setting.absolute! };
      const { value, note } = targetValue(target, denominators, rows);
      const cumulative = rows.get(code)!.cumulative;
      return {
        code,
        target: value,
        targetNote: setting ? `${note} (set by ${setting.setBy})` : `${note} (plan)`,
        completionPct: value && cumulative != null ? Math.round((cumulative / value) * 1000) / 10 : null,
      };
    });
  }

  // Officials and admins (the roles holding targets:write); a provincial official only for the province and its communes.
  @Authorized<AccessRule>(requires('targets:write'))
  @Mutation(() => [IndicatorCompletionTarget], { description: 'Sets indicator targets for scopes and years (officials). Each replaces the plan\'s default or an earlier one.' })
  async setIndicatorTargets(
    @Arg('targets', () => [IndicatorTargetInput]) targets: IndicatorTargetInput[],
    @Ctx() { em, viewer }: Context,
  ): Promise<IndicatorCompletionTarget[]> {
    const settings = targets.map((target, index) => checkedTarget(target, index, viewer.subject));
    refuseOutsideScopes(viewer, settings.map(({ scope }) => scope), 'targets');
    await em.transactional(async (tx) => {
      await tx.upsertMany(IndicatorTargetSetting, settings);
    });
    return settings.map(({ scope, year, code, percent, absolute }) => ({ scope, year, code, percent: percent ?? null, absolute: absolute ?? null }));
  }
}

@ObjectType({ description: 'A target as set.' })
export class IndicatorCompletionTarget {
  @Field(() => String) scope!: string;
  @Field(() => Int) year!: number;
  @Field(() => String) code!: string;
  @Field(() => Float, { nullable: true }) percent!: number | null;
  @Field(() => Float, { nullable: true }) absolute!: number | null;
}

/** The statistics office's denominators of a scope and year (null when it has no series for the scope). */
export interface Denominators {
  FARMING_HOUSEHOLDS: { value: number; year: number } | null;
  PRODUCTION: { value: number; year: number } | null;
}

function targetValue(target: IndicatorTarget, denominators: Denominators, rows: Map<string, IndicatorRow>): { value: number | null; note: string } {
  if ('absolute' in target) return { value: target.absolute, note: `${format(target.absolute)}` };
  const { percent, of } = target;
  if (of.source === 'none') return { value: null, note: `${percent}% of ${of.label}` };
  if (of.source === 'row') {
    const base = rows.get(of.code)?.cumulative;
    if (base == null) return { value: null, note: `${percent}% of ${of.label}: not known` };
    return { value: round3((percent / 100) * base), note: `${percent}% of ${of.label}: ${format(base)}` };
  }
  const base = denominators[of.measure];
  if (!base) return { value: null, note: `${percent}% of ${of.label}: no series for this scope` };
  return { value: round3((percent / 100) * base.value), note: `${percent}% of ${of.label}: ${format(base.value)} in ${base.year}` };
}

function checkedTarget(target: IndicatorTargetInput, index: number, setBy: string): IndicatorTargetSetting {
  const problem = targetProblem(target);
  if (problem) {
    throw new GraphQLError(`Target ${index + 1} (${target.code} for ${target.scope}, ${target.year}): ${problem.message}`, { extensions: { code: 'BAD_USER_INPUT', argumentName: 'targets' } });
  }
  return targetSetting(target, setBy);
}

const round3 = (value: number): number => Math.round(value * 1000) / 1000;
const format = (value: number): string => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 3 }).format(value);
