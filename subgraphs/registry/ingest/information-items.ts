import type { EntityManager } from '@mikro-orm/postgresql';
import type { ColumnSpec } from '../../../platform/ingest/columns';
import type { Importer } from '../../../platform/ingest/importer';
import { readMappedRows } from '../../../platform/ingest/mapped-rows';
import { labelLookup } from '../../../platform/ingest/values';
import { checkedInformationItem, recordInformationItems, type InformationItemFields } from '../information-items';
import { INFORMATION_CHANNEL_LABELS, InformationChannel } from '../vocabulary';

type ItemColumn = 'scope' | 'reference' | 'title' | 'channel' | 'publishedOn' | 'updatedOn';

const COLUMNS: ColumnSpec<ItemColumn>[] = [
  { key: 'scope', headers: ['Phạm vi', 'Mã địa bàn', 'Scope'], required: true, description: '"VN", a province code (2 digits) or a commune code (5 digits): who publishes the item', example: '20' },
  { key: 'reference', headers: ['Mã hạng mục', 'Mã', 'Reference'], required: true, description: 'Your code for the item, unique within the scope; the same code updates it', example: 'gia-na-hang-tuan', maxLength: 64 },
  { key: 'title', headers: ['Hạng mục thông tin', 'Tên hạng mục', 'Title'], required: true, description: 'What the item is', example: 'Giá na Chi Lăng hằng tuần' },
  { key: 'channel', headers: ['Kênh', 'Kênh cung cấp', 'Channel'], required: true, description: 'Postmart, Voso, Ứng dụng di động or Khác', example: 'Postmart' },
  { key: 'publishedOn', headers: ['Ngày đăng', 'Ngày cung cấp', 'Published'], required: true, description: 'Day first published, day/month/year', example: '02/06/2026' },
  { key: 'updatedOn', headers: ['Ngày cập nhật', 'Updated'], required: false, description: 'A day it was updated (one row per update day is fine: each day counts once)', example: '09/06/2026' },
];

const channelOf = labelLookup(INFORMATION_CHANNEL_LABELS);

/** `npx nongsan import information-items <file>`: the register `recordInformationItems` keeps, for many items at once. */
export const informationItemsImporter: Importer<InformationItemFields> = {
  name: 'information-items',
  title: 'Information items published to farming households (indicators III.1, III.2): scope, code, title, channel, days',
  subgraph: 'registry',
  formats: 'CSV or XLSX, one item (or one update of an item) per row',
  columns: COLUMNS,
  notes: ['A row whose scope and code are already recorded updates the item; its days are added to the update days III.2 counts.'],

  read(file, options) {
    return readMappedRows(file, options, COLUMNS, (cells, reading) => {
      const channel = channelOf(cells.channel.trim());
      if (!channel) return void reading.problem('channel', `"${cells.channel}" is not a channel; write ${Object.values(INFORMATION_CHANNEL_LABELS).map((labels) => labels[0]).join(', ')}`, cells.channel);
      const result = checkedInformationItem({ ...cells, channel: channel as InformationChannel });
      if ('field' in result) return void reading.problem(result.field, result.message, cells[result.field]);
      return result.item;
    });
  },

  async write(em: EntityManager, accepted, context) {
    const recorded = await recordInformationItems(em, accepted.map(({ record }) => record!), `${context.source}:${context.origin}`);
    const inserted = recorded.filter((row) => row.inserted).length;
    return { inserted, updated: recorded.length - inserted, unchanged: 0 };
  },
};
