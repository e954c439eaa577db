import DataLoader from 'dataloader';

/**
 * Per-request DataLoaders: every field that would otherwise run one query per parent collects the parents'
 * keys of one tick and runs a single query for all of them.
 */

/** One row (or null) per key: entity by id, `__resolveReference`. */
export function rowByKey<K extends string | number, V>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
): DataLoader<K, V | null> {
  return new DataLoader(async (keys) => {
    const rows = await fetch(unique(keys));
    const byKey = new Map(rows.map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** All rows per key, in the order `fetch` returns them: a household's shops, a lot's events. */
export function rowsByKey<K extends string | number, V>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
): DataLoader<K, V[]> {
  return new DataLoader(async (keys) => {
    const rows = await fetch(unique(keys));
    const byKey = new Map<K, V[]>();
    for (const row of rows) {
      const key = keyOf(row);
      const list = byKey.get(key);
      if (list) list.push(row);
      else byKey.set(key, [row]);
    }
    return keys.map((key) => byKey.get(key) ?? []);
  });
}

/**
 * For fields with arguments (a period filter, say): the loader is made once per distinct argument set
 * within the request, so parents asking the same question are still batched together.
 */
export class LoaderFamily<Args, K, V> {
  private readonly loaders = new Map<string, DataLoader<K, V>>();

  constructor(private readonly create: (args: Args) => DataLoader<K, V>) {}

  with(args: Args): DataLoader<K, V> {
    const cacheKey = JSON.stringify(args ?? null);
    let loader = this.loaders.get(cacheKey);
    if (!loader) {
      loader = this.create(args);
      this.loaders.set(cacheKey, loader);
    }
    return loader;
  }
}

function unique<K>(keys: readonly K[]): K[] {
  return [...new Set(keys)];
}
