import path from 'node:path';
import { Worker } from 'node:worker_threads';

/*
 * Runs CPU-heavy request work (parsing and validating a big upload) on one worker thread, so the event loop keeps
 * answering queries meanwhile. Tasks run one at a time, in order: a flood of uploads queues up instead of taking
 * every core. A module's exported function is the task; it gets and returns structured-cloneable values.
 */

type Pending = { resolve(value: unknown): void; reject(error: Error): void };

/**
 * The worker loads the task module itself. From the TypeScript sources (tests, development) it compiles them with
 * swc, as the parent process was started; from the build it requires the compiled JavaScript.
 */
const BOOTSTRAP = `
const { parentPort, workerData } = require('node:worker_threads');
if (workerData.module.endsWith('.ts')) {
  const fs = require('node:fs');
  const { transformSync } = require('@swc/core');
  require.extensions['.ts'] = (module, filename) => {
    module._compile(transformSync(fs.readFileSync(filename, 'utf8'), { filename, swcrc: true }).code, filename);
  };
}
const task = require(workerData.module)[workerData.exportName];
parentPort.on('message', async ({ id, input }) => {
  try { parentPort.postMessage({ id, output: await task(input) }); }
  catch (error) { parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) }); }
});
`;

export class WorkerTask<Input, Output> {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  /** `module`: absolute path of the task module (use `siblingModule`); `exportName`: its exported function. */
  constructor(
    private readonly module: string,
    private readonly exportName: string,
  ) {}

  /** Tasks waiting or running: a caller may refuse new work when too many are. */
  get queued(): number {
    return this.pending.size;
  }

  run(input: Input, transfer: ArrayBuffer[] = []): Promise<Output> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise<Output>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, input }, transfer);
    });
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(BOOTSTRAP, { eval: true, workerData: { module: this.module, exportName: this.exportName } });
    worker.on('message', ({ id, output, error }: { id: number; output?: unknown; error?: string }) => {
      const pending = this.pending.get(id);
      this.pending.delete(id);
      if (error !== undefined) pending?.reject(new Error(error));
      else pending?.resolve(output);
    });
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', (code) => this.failAll(new Error(`The worker thread stopped (exit code ${code}).`)));
    // An idle worker must not keep a finished process (a test, a CLI run) alive. After the listeners: adding a
    // 'message' listener refs the worker's port again.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private failAll(error: Error): void {
    this.worker = undefined;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}

/** The path of a module next to `file` (pass `__filename`), with the same extension: .ts from sources, .js when built. */
export function siblingModule(file: string, name: string): string {
  return path.join(path.dirname(file), `${name}${path.extname(file)}`);
}
