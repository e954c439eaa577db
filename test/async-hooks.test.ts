import { runScript } from './support/commands';

// On Node.js 20 and 22, any AsyncLocalStorage that has run keeps async hooks on for every promise of the process, a
// quarter of a subgraph's CPU per call (docs/performance.md): the request id travels in the context instead, and
// MikroORM's stores are released once its writes are done (platform/database/orm-async-context.ts).
describe('async hooks', () => {
  it('are on while MikroORM writes, each transaction keeping its own EntityManager, and off again for the reads after', async () => {
    const run = await runScript('test/support/async-hooks-after-writes.ts', []);
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as {
      ormStoresReleasedWhenIdle: boolean;
      beforeStart: boolean;
      afterStart: boolean;
      writes: { ownEntityManager: boolean; hooked: boolean }[];
      afterWrites: boolean;
      answer: unknown;
      afterRequest: boolean;
    };
    const storesUseHooks = Number(process.versions.node.split('.')[0]) < 24;
    expect(result.ormStoresReleasedWhenIdle).toBe(storesUseHooks);
    expect(result.beforeStart).toBe(false);
    expect(result.afterStart).toBe(false);
    expect(result.writes).toEqual([
      { ownEntityManager: true, hooked: storesUseHooks },
      { ownEntityManager: true, hooked: storesUseHooks },
    ]);
    expect(result.afterWrites).toBe(false);
    expect(result.answer).toEqual({ data: { province: { name: expect.any(String) } } });
    expect(result.afterRequest).toBe(false);
  });
});
