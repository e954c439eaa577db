/*
 * Jest copies the globals of the process into each test file's context, among them MikroORM's metadata storage,
 * which the hub started by global-setup.ts filled with its own entity metadata. A test that opens a database of its
 * own (to run an import in-process) needs a storage of its own: the copied one holds objects of another realm.
 */
for (const key of Object.keys(globalThis)) {
  if (key.startsWith('mikro-orm-')) delete (globalThis as Record<string, unknown>)[key];
}
