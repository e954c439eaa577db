import crypto from 'node:crypto';
import { Property } from '@mikro-orm/core';

/**
 * Where a stored record came from. Every imported entity extends this, so that any row can be traced back to the
 * file and row, or the event, that last wrote it.
 */
export abstract class Provenance {
  /** The kind of source: "demo", "generator", "import:registry", "webhook:POSTMART", "epcis-capture"... */
  @Property({ type: 'string', length: 64, default: 'demo' })
  source: string = 'demo';

  /** The file and row, or the event or capture id, that last wrote the record. */
  @Property({ type: 'string', nullable: true })
  sourceRef?: string | null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  importedAt: Date = new Date();

  /** Fingerprint of the business fields: a re-import of the same content is recognised as unchanged. */
  @Property({ type: 'string', length: 43, nullable: true })
  contentHash?: string | null;
}

/** A stable hash of a record's business fields (key order does not matter; provenance fields are left out by the caller). */
export function contentHash(fields: Record<string, unknown>): string {
  return crypto.createHash('sha256').update(stableJson(fields)).digest('base64url');
}

function stableJson(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${stableJson(field)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
