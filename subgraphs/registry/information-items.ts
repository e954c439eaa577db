import type { EntityManager } from '@mikro-orm/postgresql';
import { currentCommune, currentProvince } from '../../platform/places';
import { parseReportScope } from '../../platform/indicators/scope';
import { parseCalendarDate } from '../../platform/ingest/values';
import type { InformationItem } from './entities/information-item';
import { InformationChannel } from './vocabulary';

/** An information item as the mutation or a file row gives it. */
export interface InformationItemFields {
  scope: string;
  reference: string;
  title: string;
  channel: InformationChannel;
  /** YYYY-MM-DD or day/month/year. */
  publishedOn: string;
  /** A day it was updated (optional): each recorded day counts once for III.2. */
  updatedOn?: string | null;
}

export type InformationItemField = 'scope' | 'reference' | 'title' | 'channel' | 'publishedOn' | 'updatedOn';

/** Today in Vietnam (UTC+7), as YYYY-MM-DD: nothing is published in the future. */
const vietnamToday = (): string => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

/**
 * The item with its scope and days normalised, or what is wrong with it (one field), for the mutation and the
 * import alike.
 */
export function checkedInformationItem(item: InformationItemFields): { item: InformationItemFields } | { field: InformationItemField; message: string } {
  let scope: string;
  try {
    const parsed = parseReportScope(item.scope.trim(), 'scope');
    scope = parsed.id;
    if (parsed.kind === 'province' && !currentProvince(scope)) return { field: 'scope', message: `no province with code "${scope}" (codes are today's, since 1 July 2025)` };
    if (parsed.kind === 'commune' && !currentCommune(scope)) return { field: 'scope', message: `no commune with code "${scope}" (codes are today's, since 1 July 2025)` };
  } catch (error) {
    return { field: 'scope', message: (error as Error).message };
  }
  const reference = item.reference.trim();
  if (!/^[\p{L}\p{N}._-]{1,64}$/u.test(reference)) return { field: 'reference', message: `"${reference}" is not an item code: 1 to 64 letters, digits, ".", "_" or "-"` };
  const title = item.title.trim();
  if (!title) return { field: 'title', message: 'the item needs a title' };
  if (title.length > 255) return { field: 'title', message: 'the title is longer than 255 characters' };
  if (!Object.values(InformationChannel).includes(item.channel)) return { field: 'channel', message: `"${item.channel}" is not a channel; channels are ${Object.values(InformationChannel).join(', ')}` };
  const today = vietnamToday();
  const day = (field: 'publishedOn' | 'updatedOn', text: string): string | { field: InformationItemField; message: string } => {
    const parsed = parseCalendarDate(text);
    if ('problem' in parsed) return { field, message: parsed.problem };
    if (parsed.value > today) return { field, message: `${parsed.value} is in the future (today is ${today} in Vietnam)` };
    return parsed.value;
  };
  const publishedOn = day('publishedOn', item.publishedOn);
  if (typeof publishedOn !== 'string') return publishedOn;
  const updatedOn = item.updatedOn?.trim() ? day('updatedOn', item.updatedOn) : null;
  if (updatedOn !== null && typeof updatedOn !== 'string') return updatedOn;
  if (updatedOn && updatedOn < publishedOn) return { field: 'updatedOn', message: `updated on ${updatedOn}, before it was published (${publishedOn})` };
  return { item: { scope, reference, title, channel: item.channel, publishedOn, updatedOn } };
}

export const informationItemKey = ({ scope, reference }: Pick<InformationItemFields, 'scope' | 'reference'>): string => `${scope}|${reference}`;

/**
 * Records checked items in two statements: each item is inserted or updated by scope and code (keeping the earliest
 * publication and the latest update), and its publication and update days are added to the days III.2 counts.
 * Several entries of one item (a file with a row per update day) are one item with all their days.
 */
export async function recordInformationItems(
  em: EntityManager,
  items: InformationItemFields[],
  recordedBy: string,
): Promise<(InformationItem & { inserted: boolean })[]> {
  if (!items.length) return [];
  const schema = em.config.get('schema')!;
  const merged = new Map<string, InformationItemFields>();
  for (const item of items) {
    const earlier = merged.get(informationItemKey(item));
    const days = [item.publishedOn, item.updatedOn, earlier?.publishedOn, earlier?.updatedOn].filter((day): day is string => !!day).sort();
    merged.set(informationItemKey(item), { ...item, publishedOn: days[0], updatedOn: days[days.length - 1] });
  }
  const params = [...merged.values()].flatMap((item) => {
    const commune = item.scope.length === 5 ? item.scope : null;
    const province = item.scope.length === 2 ? item.scope : commune ? currentCommune(commune)!.provinceCode : null;
    return [item.scope, item.reference, item.title, item.channel, province, commune, item.publishedOn, item.updatedOn ?? item.publishedOn, recordedBy];
  });
  const rows = await em.getConnection().execute<Record<string, unknown>[]>(`
insert into "${schema}"."information_item" as i (scope, reference, title, channel, province_code, commune_code, published_on, updated_on, recorded_by)
values ${[...merged.values()].map(() => `(?, ?, ?, ?::"${schema}"."information_channel", ?, ?, ?::date, ?::date, ?)`).join(', ')}
on conflict (scope, reference) do update set title = excluded.title, channel = excluded.channel,
  published_on = least(i.published_on, excluded.published_on), updated_on = greatest(i.updated_on, excluded.updated_on), recorded_by = excluded.recorded_by
returning i.id::text as id, i.scope, i.reference, i.title, i.channel, i.province_code, i.commune_code,
  to_char(i.published_on, 'YYYY-MM-DD') as published_on, to_char(i.updated_on, 'YYYY-MM-DD') as updated_on, i.recorded_by, (i.xmax = 0) as inserted`, params);
  const recorded = rows.map((row) => ({
    id: String(row.id), scope: String(row.scope), reference: String(row.reference), title: String(row.title), channel: row.channel as InformationChannel,
    provinceCode: row.province_code as string | null, communeCode: row.commune_code as string | null,
    publishedOn: String(row.published_on), updatedOn: String(row.updated_on), recordedBy: String(row.recorded_by), inserted: Boolean(row.inserted),
  }));
  const idOf = new Map(recorded.map((row) => [informationItemKey(row), row.id]));
  const days = [...new Set(items.flatMap((item) => [item.publishedOn, item.updatedOn ?? item.publishedOn].map((day) => `${idOf.get(informationItemKey(item))}|${day}`)))]
    .map((pair) => pair.split('|'));
  await em.getConnection().execute(
    `insert into "${schema}"."information_update" (item_id, day) values ${days.map(() => '(?::bigint, ?::date)').join(', ')} on conflict do nothing`,
    days.flat(),
  );
  return recorded;
}

/**
 * III.1 and III.2 for a batch of reports (platform/indicators/batch.ts): items first published in the period, and
 * updates per week (item-days published or updated × 7 / days); III.2's cumulative is the weekly rate from the
 * scope's first recorded day to the end of the period. An item counts for its own scope and every scope holding it.
 * It names the batch twice: it runs inside indicatorFiguresLoader's statement, where the batch is `q`.
 */
export const informationIndicatorStatement = (schema: string) => ({ sql }: { sql: string }): string => `
select q.key, 'III.1' as code,
  count(*) filter (where i.published_on >= q.p_from and i.published_on < q.p_to) as achieved,
  count(*) filter (where i.published_on >= q.q_from and i.published_on < q.q_to) as previous,
  count(*) filter (where i.published_on < q.p_to) as cumulative
from ${sql}
join "${schema}"."information_item" i
  on (q.province is null or i.province_code = q.province) and (q.commune is null or i.commune_code = q.commune)
group by q.key
union all
select q.key, 'III.2',
  round(count(*) filter (where u.day >= q.p_from and u.day < q.p_to) * 7.0 / (q.p_to - q.p_from), 2),
  round(count(*) filter (where u.day >= q.q_from and u.day < q.q_to) * 7.0 / (q.q_to - q.q_from), 2),
  round(count(*) filter (where u.day < q.p_to) * 7.0 / greatest(1, q.p_to - min(u.day) filter (where u.day < q.p_to)), 2)
from ${sql}
join "${schema}"."information_item" i
  on (q.province is null or i.province_code = q.province) and (q.commune is null or i.commune_code = q.commune)
join "${schema}"."information_update" u on u.item_id = i.id
group by q.key, q.p_from, q.p_to, q.q_from, q.q_to`;
