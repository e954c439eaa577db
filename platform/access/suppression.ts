import type { Viewer } from './roles';

/** Counts below this are hidden from the public and journalists: a small group can single out a household. */
export const SMALL_COUNT_THRESHOLD = 5;

export const SUPPRESSION_NOTE = `Counts below ${SMALL_COUNT_THRESHOLD} are not shown to the public (personal data protection).`;

export interface SuppressedCount {
  value: number | null;
  /** Why the value is null, when it is. */
  note: string | null;
}

/** `value` as `viewer` may see it: null with a note when it is a small count and the viewer is public or a journalist. */
export function suppressSmallCount(value: number | null, viewer: Pick<Viewer, 'role'>): SuppressedCount {
  const aggregatedOnly = viewer.role === 'public' || viewer.role === 'journalist';
  if (value != null && aggregatedOnly && value < SMALL_COUNT_THRESHOLD) return { value: null, note: SUPPRESSION_NOTE };
  return { value, note: null };
}
