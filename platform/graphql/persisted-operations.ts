import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../repo-root';

/** Apollo's persisted query manifest format, so Apollo's client tooling can produce and read the same file. */
export const MANIFEST_FORMAT = 'apollo-persisted-query-manifest';
export const DEFAULT_MANIFEST_FILE = path.join('schema', 'persisted-operations.json');

export interface PersistedOperation {
  /** sha256 of `body`, hex: the hash clients send in `extensions.persistedQuery.sha256Hash`. */
  id: string;
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  body: string;
}

export interface OperationManifest {
  format: typeof MANIFEST_FORMAT;
  version: 1;
  operations: PersistedOperation[];
}

export function operationHash(body: string): string {
  return crypto.createHash('sha256').update(body, 'utf8').digest('hex');
}

/** The safelist: operations by hash. An empty one when the file does not exist (no caller is in safelist mode then). */
export class PersistedOperations {
  private readonly byHash: Map<string, PersistedOperation>;

  constructor(operations: PersistedOperation[]) {
    this.byHash = new Map(operations.map((operation) => [operation.id, operation]));
  }

  get size(): number {
    return this.byHash.size;
  }

  get(hash: string): PersistedOperation | undefined {
    return this.byHash.get(hash.toLowerCase());
  }

  /** From NONGSAN_OPERATIONS_MANIFEST, else schema/persisted-operations.json (written by npm run operations:manifest). */
  static load(file = process.env.NONGSAN_OPERATIONS_MANIFEST?.trim() || path.join(repoRoot(), DEFAULT_MANIFEST_FILE)): PersistedOperations {
    if (!fs.existsSync(file)) {
      if (process.env.NONGSAN_OPERATIONS_MANIFEST) throw new Error(`NONGSAN_OPERATIONS_MANIFEST names ${file}, which does not exist.`);
      return new PersistedOperations([]);
    }
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<OperationManifest>;
    if (manifest.format !== MANIFEST_FORMAT || !Array.isArray(manifest.operations)) {
      throw new Error(`${file} is not a persisted operations manifest (format "${MANIFEST_FORMAT}"): run npm run operations:manifest.`);
    }
    for (const operation of manifest.operations) {
      if (operationHash(operation.body) !== operation.id) {
        throw new Error(`${file}: operation ${operation.name} has id ${operation.id}, which is not the sha256 of its body: run npm run operations:manifest.`);
      }
    }
    return new PersistedOperations(manifest.operations);
  }
}
