import { HouseholdLinkStatus, type StoredLink } from './stored-link';

/** What an import's linking came to: printed by the import command after the counts of rows. */
export interface LinkingCounts {
  /** LINKED records by method (MANUAL: an official's decision kept from before). */
  linked: Record<string, number>;
  review: number;
  unlinked: number;
}

export function emptyLinkingCounts(): LinkingCounts {
  return { linked: {}, review: 0, unlinked: 0 };
}

export function countLinks(counts: LinkingCounts, links: { linkStatus: StoredLink['linkStatus']; linkMethod?: StoredLink['linkMethod'] }[]): LinkingCounts {
  for (const link of links) {
    if (link.linkStatus === HouseholdLinkStatus.LINKED) counts.linked[link.linkMethod ?? 'UNKNOWN'] = (counts.linked[link.linkMethod ?? 'UNKNOWN'] ?? 0) + 1;
    else if (link.linkStatus === HouseholdLinkStatus.REVIEW) counts.review += 1;
    else counts.unlinked += 1;
  }
  return counts;
}

/** "linking: 812 linked (NATIONAL_ID 500, PHONE 250, NAME_AND_COMMUNE 62), 40 to review, 25 unlinked". */
export function describeLinking(counts: LinkingCounts): string {
  const linked = Object.values(counts.linked).reduce((sum, count) => sum + count, 0);
  const methods = Object.entries(counts.linked).sort(([a], [b]) => a.localeCompare(b)).map(([method, count]) => `${method} ${count}`).join(', ');
  return `linking: ${linked} linked${methods ? ` (${methods})` : ''}, ${counts.review} to review (censusLinkReviews / shopLinkReviews), ${counts.unlinked} unlinked`;
}
