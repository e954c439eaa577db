import { CopyWriter } from '../platform/database/copy';
import { withDatabase } from './support/hub';

/** The bulk loader stores text exactly as given, whatever characters it holds, and reports a failed load. */
describe('bulk loading with COPY', () => {
  const awkward = [
    'Nguyễn Văn An',
    'tab\there',
    'two\nlines',
    'carriage\r\nreturn',
    'back\\slash \\N not null',
    '"quoted", {braced}',
    '',
    'NULL',
    'Nguyễn'.normalize('NFD'),
  ];

  it('round-trips tabs, newlines, backslashes, quotes, empty strings, NULLs and arrays of them', async () => {
    await withDatabase(async (client) => {
      await client.query('CREATE TEMP TABLE copy_check (id int, label text, tags text[], amount double precision, done boolean, at timestamptz)');
      const writer = CopyWriter.start(client, { table: 'copy_check', columns: ['id', 'label', 'tags', 'amount', 'done', 'at'] });
      awkward.forEach((label, index) => writer.row([index, label, [label, null, 'plain'], index / 3, index % 2 === 0, new Date(Date.UTC(2026, 0, index + 1))]));
      writer.row([99, null, [], null, null, null]);
      expect(await writer.end()).toBe(awkward.length + 1);

      const { rows } = await client.query('SELECT id, label, tags, amount, done, at FROM copy_check ORDER BY id');
      expect(rows.slice(0, -1)).toEqual(
        awkward.map((label, index) => ({ id: index, label, tags: [label, null, 'plain'], amount: index / 3, done: index % 2 === 0, at: new Date(Date.UTC(2026, 0, index + 1)) })),
      );
      expect(rows[rows.length - 1]).toEqual({ id: 99, label: null, tags: [], amount: null, done: null, at: null });
    });
  });

  it('names the table when PostgreSQL rejects a row, and leaves the connection usable', async () => {
    await withDatabase(async (client) => {
      await client.query('CREATE TEMP TABLE copy_strict (id int NOT NULL)');
      const writer = CopyWriter.start(client, { table: 'copy_strict', columns: ['id'] });
      writer.row([1]);
      writer.row(['not a number']);
      await expect(writer.end()).rejects.toThrow(/Bulk load into copy_strict failed: invalid input syntax for type integer/);
      const { rows } = await client.query('SELECT count(*)::int AS count FROM copy_strict');
      expect(rows[0].count).toBe(0);
    });
  });
});
