/**
 * Compares two GraphQL responses: object keys in any order, lists in order except at `unorderedPaths` (paths
 * with `[]` for list indexes, e.g. `data.household.census.mainCrops`). Returns the first difference in words,
 * or null when they are equal.
 */
export function findDifference(expected: unknown, actual: unknown, unorderedPaths: readonly string[] = [], path = ''): string | null {
  const pattern = path.replace(/\[\d+\]/g, '[]');
  if (Array.isArray(expected) || Array.isArray(actual)) {
    if (!Array.isArray(expected) || !Array.isArray(actual)) return `${path || '(root)'}: expected ${describe(expected)}, got ${describe(actual)}`;
    if (expected.length !== actual.length) {
      return `${path || '(root)'}: expected ${expected.length} items, got ${actual.length}`;
    }
    const [left, right] = unorderedPaths.includes(pattern) ? [sortCanonically(expected), sortCanonically(actual)] : [expected, actual];
    for (let i = 0; i < left.length; i++) {
      const difference = findDifference(left[i], right[i], unorderedPaths, `${path}[${i}]`);
      if (difference) return difference;
    }
    return null;
  }
  if (isObject(expected) || isObject(actual)) {
    if (!isObject(expected) || !isObject(actual)) return `${path || '(root)'}: expected ${describe(expected)}, got ${describe(actual)}`;
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    for (const key of [...keys].sort()) {
      if (!(key in actual)) return `${join(path, key)}: missing`;
      if (!(key in expected)) return `${join(path, key)}: unexpected (${describe(actual[key])})`;
      const difference = findDifference(expected[key], actual[key], unorderedPaths, join(path, key));
      if (difference) return difference;
    }
    return null;
  }
  return Object.is(expected, actual) || (expected === 0 && actual === 0) ? null : `${path || '(root)'}: expected ${describe(expected)}, got ${describe(actual)}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function describe(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Stable JSON (keys sorted) so that equal items sort to the same place. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function sortCanonically(items: unknown[]): unknown[] {
  return items
    .map((item) => [canonicalJson(item), item] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, item]) => item);
}
