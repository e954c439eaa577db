export default async function globalTeardown(): Promise<void> {
  const stop = (globalThis as Record<string, unknown>).__nongsanTestHub as (() => Promise<void>) | undefined;
  await stop?.();
  // Something left running keeps jest (and CI) waiting forever: name it, so the leak is found rather than guessed.
  setTimeout(() => {
    const handles = (process as unknown as { _getActiveHandles(): object[] })._getActiveHandles();
    const kinds = handles.map((handle) => handle.constructor.name).filter((kind) => kind !== 'WriteStream' && kind !== 'Socket');
    if (kinds.length) console.error(`The test run still holds: ${kinds.join(', ')} (3 s after the hub stopped).`);
  }, 3000).unref();
}
