import type { LabelledRecord, LinkingFigures } from '../demo/linking-set';
import { AMBIGUITY_BITS, LINK_THRESHOLD, REVIEW_THRESHOLD, reviewReasonOf } from '../platform/linking/decision';
import type { HouseholdMatch } from '../platform/linking/types';

/** The LINK threshold candidates of the precision-recall curve. */
export const CURVE_THRESHOLDS = [0.05, 0.1, 0.2, 0.3, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 0.999];

export interface CurvePoint {
  threshold: number;
  linked: number;
  precision: number;
  recall: number;
}

/**
 * Precision and recall of LINKED if the LINK threshold were `threshold` (the other rules unchanged): a record is
 * linked to its best candidate when that reaches the threshold and no second candidate is within AMBIGUITY_BITS.
 */
export function precisionRecallCurve(records: LabelledRecord[], matches: HouseholdMatch[]): CurvePoint[] {
  const registered = records.filter((record) => record.truth !== null).length;
  return CURVE_THRESHOLDS.map((threshold) => {
    let linked = 0;
    let correct = 0;
    records.forEach((record, index) => {
      const match = matches[index];
      const [best, second] = match.candidates;
      if (!best || best.confidence < threshold) return;
      if (second && (best.weight ?? 0) - (second.weight ?? 0) < AMBIGUITY_BITS) return;
      // Held back for a conflict of ID and phone: stays in review at any threshold.
      if (match.status === 'REVIEW' && best.confidence >= LINK_THRESHOLD) return;
      linked += 1;
      if (best.householdId === record.truth) correct += 1;
    });
    return { threshold, linked, precision: linked ? correct / linked : 1, recall: registered ? correct / registered : 1 };
  });
}

export interface ReviewReasonRow {
  reason: string;
  registered: number;
  /** Registered records whose best candidate is their household. */
  bestRight: number;
  notRegistered: number;
}

/** The records left in review, by why they wait: where the misses are, and what an official meets. */
export function reviewReasons(records: LabelledRecord[], matches: HouseholdMatch[]): ReviewReasonRow[] {
  const rows = new Map<string, ReviewReasonRow>();
  records.forEach((record, index) => {
    const match = matches[index];
    if (match.status !== 'REVIEW') return;
    const reason = reviewReasonOf(match.candidates) ?? 'none';
    const row = rows.get(reason) ?? { reason, registered: 0, bestRight: 0, notRegistered: 0 };
    if (record.truth === null) row.notRegistered += 1;
    else {
      row.registered += 1;
      if (match.candidates[0]?.householdId === record.truth) row.bestRight += 1;
    }
    rows.set(reason, row);
  });
  return [...rows.values()].sort((a, b) => b.registered - a.registered);
}

const percent = (value: number) => `${(value * 100).toFixed(1)} %`;

export function figuresMarkdown(title: string, figures: LinkingFigures, curve: CurvePoint[], reasons: ReviewReasonRow[] = []): string[] {
  return [
    `### ${title}`,
    '',
    `${figures.records.toLocaleString('en-US')} records (${figures.registered.toLocaleString('en-US')} of registered households, ${figures.notRegistered.toLocaleString('en-US')} of people not registered).`,
    '',
    '| | |',
    '| --- | --- |',
    `| LINKED | ${figures.linked.count} (${figures.linked.wrong} wrong) |`,
    `| precision of LINKED | ${percent(figures.linked.precision)} |`,
    `| recall (registered records LINKED correctly) | ${percent(figures.linked.recall)} |`,
    `| recall counting REVIEW lists that hold the right household | ${percent(figures.recallWithReview)} |`,
    `| REVIEW | ${figures.review.count} (${figures.review.ofRegistered} registered, ${figures.review.ofNotRegistered} not) |`,
    `| UNLINKED | ${figures.unlinked.count} (${figures.unlinked.ofRegistered} registered, ${figures.unlinked.ofNotRegistered} not) |`,
    '',
    '| method | LINKED | correct | precision |',
    '| --- | --- | --- | --- |',
    ...Object.entries(figures.byMethod).map(([method, entry]) => `| ${method} | ${entry.linked} | ${entry.correct} | ${percent(entry.precision)} |`),
    '',
    '| records of | count | LINKED | LINKED correctly | REVIEW | UNLINKED |',
    '| --- | --- | --- | --- | --- | --- |',
    ...Object.entries(figures.byKind).map(([kind, entry]) => `| ${kind} | ${entry!.count} | ${entry!.linked} | ${entry!.linkedCorrectly} | ${entry!.review} | ${entry!.unlinked} |`),
    '',
    '| registered records with this mistake | count | LINKED correctly (recall) | REVIEW |',
    '| --- | --- | --- | --- |',
    ...Object.entries(figures.byMistake).sort(([a], [b]) => a.localeCompare(b)).map(([mistake, entry]) => `| ${mistake} | ${entry.count} | ${entry.linkedCorrectly} (${percent(entry.recall)}) | ${entry.review} |`),
    '',
    '| records in REVIEW, by why they wait | registered | of which the best candidate is right | not registered |',
    '| --- | --- | --- | --- |',
    ...reasons.map((row) => `| ${row.reason} | ${row.registered} | ${row.bestRight} | ${row.notRegistered} |`),
    '',
    `Precision-recall curve of LINKED by LINK threshold (chosen: ${LINK_THRESHOLD}; REVIEW from ${REVIEW_THRESHOLD}):`,
    '',
    '| threshold | LINKED | precision | recall |',
    '| --- | --- | --- | --- |',
    ...curve.map((point) => `| ${point.threshold}${point.threshold === LINK_THRESHOLD ? ' (chosen)' : ''} | ${point.linked} | ${percent(point.precision)} | ${percent(point.recall)} |`),
    '',
  ];
}
