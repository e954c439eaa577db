/*
 * MikroORM keeps entity metadata in a process-wide store (globalThis['mikro-orm-metadata']). The hub started by
 * global-setup fills it outside the test files' sandbox, with Maps of another realm, which MikroORM's own cloning
 * then fails to recognise ("Method Map.prototype.set called on incompatible receiver"). Each test file that opens an
 * ORM gets a store of its own, filled by the entities it imports.
 */
(globalThis as Record<string, unknown>)['mikro-orm-metadata'] = {};
