import asyncHooks = require('node:async_hooks');

/**
 * MikroORM's async-local stores, released while no write is in flight.
 *
 * On Node.js 20 and 22 an AsyncLocalStorage is built on async hooks: from the first time any of them runs, the process
 * calls a hook for every promise it creates, and it stops only when every store that ever ran is disabled. MikroORM
 * runs three for its writes (the transaction's context, the flush guard, raw fragments), so a subgraph that wrote once
 * (the registry writes its places reference at every start, the marketplace on every webhook) paid those hooks on
 * every read after: a quarter of a subgraph's CPU per call under the benchmark (docs/performance.md). Loaded before
 * MikroORM, this gives MikroORM's stores (and only theirs) a class that disables itself once its last run has
 * settled, so the hooks are on while a write runs and off otherwise. A run whose callback returns no promise ends when
 * it returns: MikroORM runs each of its stores around a promise, and the hub never calls RequestContext.create with an
 * express-style `next`. Node.js 24 keeps async context without hooks (AsyncContextFrame); there this does nothing.
 *
 * Import it before anything else that imports `@mikro-orm/core` (the service entry points do), and call
 * warnIfOrmStoresStayHooked when the service starts.
 */

type Storage = InstanceType<typeof asyncHooks.AsyncLocalStorage>;
const HookedStorage = asyncHooks.AsyncLocalStorage;

/** True where AsyncLocalStorage runs on async hooks: Node.js 20, and 22 without --experimental-async-context-frame. */
const storesUseAsyncHooks = typeof (HookedStorage.prototype as Storage & { _enable?: unknown })._enable === 'function';

class ReleasedWhenIdle<T> extends HookedStorage<T> {
  private runs = 0;
  /** enterWith has no end to wait for: a store entered that way stays enabled. */
  private entered = false;

  override run<R, TArgs extends unknown[]>(store: T, callback: (...args: TArgs) => R, ...args: TArgs): R {
    this.runs += 1;
    let result: R;
    try {
      result = super.run(store, callback, ...args);
    } catch (error) {
      this.release();
      throw error;
    }
    if (result instanceof Promise) result.then(this.release, this.release);
    else this.release();
    return result;
  }

  override enterWith(store: T): void {
    this.entered = true;
    super.enterWith(store);
  }

  private readonly release = (): void => {
    this.runs -= 1;
    if (this.runs === 0 && !this.entered) this.disable();
  };
}

/** Whether MikroORM was loaded with its stores released when idle (false on Node.js 24, or when loaded too late). */
export const ormStoresReleasedWhenIdle = releaseOrmStores();

function releaseOrmStores(): boolean {
  if (!storesUseAsyncHooks) return false;
  // Too late (a module that imports MikroORM came first): its stores stay as they are.
  if (require.cache[require.resolve('@mikro-orm/core')]) return false;
  asyncHooks.AsyncLocalStorage = ReleasedWhenIdle;
  try {
    require('@mikro-orm/core');
  } finally {
    asyncHooks.AsyncLocalStorage = HookedStorage;
  }
  return true;
}

/** Says so, as a process warning, when a service started with MikroORM's stores keeping async hooks on. */
export function warnIfOrmStoresStayHooked(): void {
  if (storesUseAsyncHooks && !ormStoresReleasedWhenIdle) {
    process.emitWarning('@mikro-orm/core was loaded before platform/database/orm-async-context: its async-local stores keep async hooks on.');
  }
}
