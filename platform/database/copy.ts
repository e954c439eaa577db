import { once } from 'node:events';
import type { Client } from 'pg';
import { from as copyFrom, type CopyStreamQuery } from 'pg-copy-streams';

/**
 * Bulk loading with PostgreSQL's `COPY ... FROM STDIN` in text format: one row per line, columns separated by
 * tabs, `\N` for NULL. Ten to fifty times faster than batched INSERTs, which is what loading millions of rows
 * needs.
 */

/** A value COPY can take: arrays become PostgreSQL array literals (`text[]` and the like). */
export type CopyValue = string | number | bigint | boolean | Date | null | undefined | readonly CopyValue[];

/** How COPY's text format writes NULL. */
export const COPY_NULL = '\\N';

/** Escapes the characters that COPY's text format gives a meaning to: backslash, tab, newline, carriage return. */
export function escapeCopyText(text: string): string {
  // A scan of char codes: most values (ids, codes, names) need nothing, and this is the loader's hottest loop.
  let clean = true;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 92 || code === 9 || code === 10 || code === 13) {
      clean = false;
      break;
    }
  }
  if (clean) return text;
  return text.replace(/[\\\t\n\r]/g, (char) => (char === '\\' ? '\\\\' : char === '\t' ? '\\t' : char === '\n' ? '\\n' : '\\r'));
}

/** One column's value as COPY's text format writes it. */
export function copyField(value: CopyValue): string {
  if (value === null || value === undefined) return COPY_NULL;
  switch (typeof value) {
    case 'string':
      return escapeCopyText(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`Cannot write ${value} to PostgreSQL: only finite numbers are allowed`);
      return String(value);
    case 'bigint':
      return String(value);
    case 'boolean':
      return value ? 't' : 'f';
    default:
      if (value instanceof Date) return value.toISOString();
      return escapeCopyText(arrayLiteral(value as readonly CopyValue[]));
  }
}

/** One row as a line of COPY text. */
export function copyLine(values: readonly CopyValue[]): string {
  let line = copyField(values[0]);
  for (let index = 1; index < values.length; index++) line += '\t' + copyField(values[index]);
  return line + '\n';
}

const ARRAY_ELEMENT_NEEDS_QUOTES = /^$|^null$|[{}",\\\s]/i;

/** `{a,"b c",NULL}`: elements quoted when they hold separators, quotes, backslashes or spaces, or spell NULL. */
function arrayLiteral(items: readonly CopyValue[]): string {
  const elements = items.map((item) => {
    if (item === null || item === undefined) return 'NULL';
    if (Array.isArray(item)) return arrayLiteral(item);
    const text = item instanceof Date ? item.toISOString() : String(item);
    return ARRAY_ELEMENT_NEEDS_QUOTES.test(text) ? `"${text.replace(/["\\]/g, '\\$&')}"` : text;
  });
  return `{${elements.join(',')}}`;
}

export interface CopyTarget {
  /** Schema-qualified or plain table name, as SQL would write it unquoted, e.g. `marketplace.order`. */
  table: string;
  columns: readonly string[];
  /**
   * `COPY ... FREEZE`: rows are written already frozen, so no vacuum has to visit them afterwards. PostgreSQL
   * allows it only when the table was created or truncated earlier in the same transaction.
   */
  freeze?: boolean;
}

/** Bytes gathered before they are handed to the connection: fewer, larger protocol messages. */
const CHUNK_BYTES = 256 * 1024;
/** Bytes a stream may hold unsent before `write` asks the producer to wait (backpressure). */
const HIGH_WATER_MARK = 4 * 1024 * 1024;

/**
 * A running `COPY FROM STDIN` on one connection. Rows are gathered into chunks; `row` never blocks, and the
 * producer calls `drained()` between chunks of its own work so that memory stays bounded however many rows
 * go through.
 */
export class CopyWriter {
  rows = 0;
  private pending = '';
  private readonly stream: CopyStreamQuery;
  private failure: Error | undefined;
  private readonly finished: Promise<void>;

  private constructor(readonly target: CopyTarget, client: Client) {
    const columns = target.columns.map(quoteIdentifier).join(', ');
    const options = target.freeze ? ' WITH (FREEZE)' : '';
    this.stream = client.query(copyFrom(`COPY ${quoteTable(target.table)} (${columns}) FROM STDIN${options}`, { highWaterMark: HIGH_WATER_MARK }));
    this.finished = new Promise((resolve, reject) => {
      this.stream.on('finish', resolve);
      this.stream.on('error', (error: Error) => {
        this.failure = new Error(`Bulk load into ${target.table} failed: ${error.message}`);
        reject(this.failure);
      });
    });
    // Reported by `end` or `drained`; without a listener an early failure would crash the process.
    this.finished.catch(() => {});
  }

  /** Starts `COPY` on a connection that will carry nothing else until `end` resolves. */
  static start(client: Client, target: CopyTarget): CopyWriter {
    return new CopyWriter(target, client);
  }

  row(values: readonly CopyValue[]): void {
    this.line(copyLine(values));
  }

  /** A line already in COPY text format, ending in a newline (for hot loops that build it themselves). */
  line(text: string): void {
    this.pending += text;
    this.rows += 1;
    if (this.pending.length >= CHUNK_BYTES) this.flush();
  }

  /** Resolves when the connection has taken what was written so far, or rejects when the load failed. */
  async drained(): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.stream.writableNeedDrain) return;
    await Promise.race([once(this.stream, 'drain'), this.finished]);
    if (this.failure) throw this.failure;
  }

  /** Sends the rest and waits until PostgreSQL has stored every row; returns the row count it reports. */
  async end(): Promise<number> {
    this.flush();
    this.stream.end();
    await this.finished;
    return this.stream.rowCount;
  }

  /** Stops the load: PostgreSQL discards the rows of this COPY. */
  abort(reason: Error): void {
    if (!this.stream.destroyed) this.stream.destroy(reason);
  }

  private flush(): void {
    if (!this.pending) return;
    this.stream.write(this.pending, 'utf8');
    this.pending = '';
  }
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** `marketplace.order` -> `"marketplace"."order"`. */
export function quoteTable(table: string): string {
  return table.split('.').map(quoteIdentifier).join('.');
}
