/*
 * Jest shares the global object's properties of the process that ran global-setup (where the hub's MikroORM
 * registered every entity) with each test file's sandbox. A test that opens its own MikroORM (the pull connector
 * does, as the command-line tool would) would then reuse metadata objects of the other realm and fail inside
 * MikroORM ("Map.prototype.set called on incompatible receiver"). Each test file starts with its own registry.
 */
(globalThis as Record<string, unknown>)['mikro-orm-metadata'] = {};
