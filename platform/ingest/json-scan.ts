/*
 * Counts the items of a JSON array found at a key path, by scanning the raw bytes without building the document:
 * a capture of too many events is refused before the parser (and its memory) ever sees it.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

interface Frame {
  array: boolean;
  /** The key path from the root to this container. */
  path: string;
  counted: boolean;
  empty: boolean;
}

/**
 * The number of items in the first array whose key path (keys joined by "/") is one of `paths`, or 0 when there is
 * none; stops early once the count passes `stopAbove`. Invalid JSON gives a meaningless count: the parser says why.
 */
export function countJsonArrayItems(bytes: Uint8Array, paths: string[], stopAbove = Infinity): number {
  const wanted = new Set(paths);
  const maxDepth = Math.max(...paths.map((candidate) => candidate.split('/').length)) + 1;
  const stack: Frame[] = [];
  let count = 0;
  let keyStart = 0;
  let keyEnd = 0;
  for (let at = 0; at < bytes.length; at++) {
    const byte = bytes[at];
    if (byte <= 0x20) continue;
    const top = stack[stack.length - 1];
    if (top?.counted && top.empty && byte !== CLOSE_ARRAY) {
      top.empty = false;
      count = 1;
    }
    if (byte === QUOTE) {
      // Skip to the closing quote natively; a quote preceded by an odd number of backslashes is escaped.
      let end = bytes.indexOf(QUOTE, at + 1);
      while (end > 0 && escaped(bytes, end)) end = bytes.indexOf(QUOTE, end + 1);
      if (end < 0) return count;
      keyStart = at + 1;
      keyEnd = end;
      at = end;
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      // Keys are decoded only when a container opens under them, and only near the root, where the paths are.
      const key = top && !top.array && stack.length < maxDepth ? Buffer.from(bytes.buffer, bytes.byteOffset + keyStart, keyEnd - keyStart).toString('utf8') : '';
      const path = top ? (top.array ? `${top.path}/*` : top.path ? `${top.path}/${key}` : key) : '';
      const counted = byte === OPEN_ARRAY && count === 0 && wanted.has(path);
      stack.push({ array: byte === OPEN_ARRAY, path, counted, empty: true });
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      if (stack.pop()?.counted) return count;
    } else if (byte === COMMA && top?.counted) {
      count += 1;
      if (count > stopAbove) return count;
    }
  }
  return count;
}

function escaped(bytes: Uint8Array, quote: number): boolean {
  let backslashes = 0;
  for (let at = quote - 1; at >= 0 && bytes[at] === BACKSLASH; at--) backslashes++;
  return backslashes % 2 === 1;
}
