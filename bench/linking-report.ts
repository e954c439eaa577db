import type { LabelledRecord, LinkingFigures } from '../demo/linking-set';
import { LINK_THRESHOLD, linksAt, REVIEW_THRESHOLD, reviewReasonOf } from '../platform/linking/decision';
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
 * Precision and recall of LINKED if the LINK threshold were `threshold`, the decision's other rules unchanged
 * (a close runner-up, ID and phone disagreeing, another ID number, a bare name), applied to the stored candidates.
 */
export function precisionRecallCurve(records: LabelledRecord[], matches: HouseholdMatch[]): CurvePoint[] {
  const registered = records.filter((record) => record.truth !== null).length;
  return CURVE_THRESHOLDS.map((threshold) => {
    let linked = 0;
    let correct = 0;
    records.forEach((record, index) => {
      const { candidates } = matches[index];
      if (!linksAt(candidates, { link: threshold, review: REVIEW_THRESHOLD })) return;
      linked += 1;
      if (candidates[0].householdId === record.truth) correct += 1;
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

export interface EvidenceRow {
  /** The fields the pair agreed or differed on, with their levels ("name:EDIT_ONE commune:SAME birthYear:SAME"). */
  evidence: string;
  count: number;
  /** How many of them went to review (the rest: unlinked, or linked wrongly). */
  review: number;
}

/** A pair's fields and levels, the name-frequency adjustment left out (its level names a count). */
function evidencePattern(candidate: HouseholdMatch['candidates'][number] | undefined): string {
  if (!candidate?.contributions) return 'not among the candidates';
  return candidate.contributions.filter((part) => part.field !== 'nameFrequency').map((part) => `${part.field}:${part.level}`).join(' ') || 'nothing';
}

/**
 * Where recall and precision are lost, by the evidence the pair carried: registered records not LINKED to their
 * household (the pattern of their household's candidate), and records LINKED to a wrong one (the wrong pair's).
 */
export function missesByEvidence(records: LabelledRecord[], matches: HouseholdMatch[], top = 8): { misses: EvidenceRow[]; wrongLinks: EvidenceRow[] } {
  const misses = new Map<string, EvidenceRow>();
  const wrongLinks = new Map<string, EvidenceRow>();
  const count = (rows: Map<string, EvidenceRow>, evidence: string, review: boolean) => {
    const row = rows.get(evidence) ?? { evidence, count: 0, review: 0 };
    row.count += 1;
    if (review) row.review += 1;
    rows.set(evidence, row);
  };
  records.forEach((record, index) => {
    const match = matches[index];
    if (match.status === 'LINKED' && match.householdId !== record.truth) count(wrongLinks, `${record.kind}: ${evidencePattern(match.candidates[0])}`, false);
    if (record.truth !== null && !(match.status === 'LINKED' && match.householdId === record.truth)) {
      count(misses, evidencePattern(match.candidates.find((candidate) => candidate.householdId === record.truth)), match.status === 'REVIEW');
    }
  });
  const ranked = (rows: Map<string, EvidenceRow>) => [...rows.values()].sort((a, b) => b.count - a.count).slice(0, top);
  return { misses: ranked(misses), wrongLinks: ranked(wrongLinks) };
}

export interface MissKinds {
  registered: number;
  linkedCorrectly: number;
  /** The household was not among the candidates (no commune, no ID or phone; or more than MAX_CANDIDATES namesakes). */
  notFound: number;
  /** Another household's evidence weighs as much or more: namesakes nothing in the record tells apart. */
  indistinguishable: number;
  /** Nothing but a person's name and the commune agrees: an unregistered namesake would look the same. */
  bareName: number;
  /** The rest: the record says more for its household than for any other, and still waits. */
  separable: number;
}

/**
 * The registered records not LINKED to their household, by whether any model could have: the recall a matcher
 * reaches at most without linking namesakes by chance is (linked correctly + separable) / registered.
 */
export function missKinds(records: LabelledRecord[], matches: HouseholdMatch[]): MissKinds {
  const kinds: MissKinds = { registered: 0, linkedCorrectly: 0, notFound: 0, indistinguishable: 0, bareName: 0, separable: 0 };
  records.forEach((record, index) => {
    if (record.truth === null) return;
    kinds.registered += 1;
    const match = matches[index];
    if (match.status === 'LINKED' && match.householdId === record.truth) {
      kinds.linkedCorrectly += 1;
      return;
    }
    const truth = match.candidates.find((candidate) => candidate.householdId === record.truth);
    if (!truth?.contributions) kinds.notFound += 1;
    else if (match.candidates.some((other) => other !== truth && (other.weight ?? -Infinity) >= (truth.weight ?? 0) - 0.01)) kinds.indistinguishable += 1;
    else if (!truth.contributions.some((part) => part.weight > 0 && !['name', 'commune', 'nameFrequency'].includes(part.field))) kinds.bareName += 1;
    else kinds.separable += 1;
  });
  return kinds;
}

const percent = (value: number) => `${(value * 100).toFixed(1)} %`;

export function missKindsMarkdown(kinds: MissKinds): string[] {
  const share = (count: number) => percent(kinds.registered ? count / kinds.registered : 0);
  return [
    '| registered records | count | share |',
    '| --- | --- | --- |',
    `| LINKED correctly | ${kinds.linkedCorrectly} | ${share(kinds.linkedCorrectly)} |`,
    `| not LINKED: household not among the candidates | ${kinds.notFound} | ${share(kinds.notFound)} |`,
    `| not LINKED: another household weighs as much (namesakes nothing tells apart) | ${kinds.indistinguishable} | ${share(kinds.indistinguishable)} |`,
    `| not LINKED: a bare name (nothing else agrees) | ${kinds.bareName} | ${share(kinds.bareName)} |`,
    `| not LINKED: the evidence favours the household, below the threshold | ${kinds.separable} | ${share(kinds.separable)} |`,
    `| recall ceiling without linking namesakes or bare names: (LINKED correctly + last row) / registered | | ${share(kinds.linkedCorrectly + kinds.separable)} |`,
    '',
  ];
}

export function evidenceMarkdown(rows: { misses: EvidenceRow[]; wrongLinks: EvidenceRow[] }): string[] {
  return [
    '| registered records not LINKED, by their household\'s evidence | count | in REVIEW |',
    '| --- | --- | --- |',
    ...rows.misses.map((row) => `| ${row.evidence} | ${row.count} | ${row.review} |`),
    '',
    '| records LINKED to a wrong household, by kind and evidence | count |',
    '| --- | --- |',
    ...rows.wrongLinks.map((row) => `| ${row.evidence} | ${row.count} |`),
    '',
  ];
}

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
