/**
 * Jest gives each test file the global properties of the process that ran global-setup.ts, among them MikroORM's
 * entity metadata, built there by the hub with that realm's Map and Set. A test that opens a database itself would
 * copy those objects and fail ("Map.prototype.set called on incompatible receiver"): each test file starts with
 * its own metadata, filled by the entity modules it imports.
 */
(globalThis as Record<string, unknown>)['mikro-orm-metadata'] = {};
