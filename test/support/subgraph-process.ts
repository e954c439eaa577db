import type { ChildProcess } from 'node:child_process';
import { spawnScript } from './commands';
import { freePort } from './free-port';

export interface SubgraphProcess {
  name: string;
  url: string;
  /** Starts it (`npm run subgraph -- <name>`) on its port; resolves at the moment it is ready. */
  start(): Promise<number>;
  /** `kill -9`: no goodbye to anyone. */
  kill(): Promise<void>;
}

/** One subgraph in a process of its own, on a port of its own, as an agency running it apart would. */
export async function subgraphProcess(name: string, env: Record<string, string>): Promise<SubgraphProcess> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  return {
    name,
    url: `http://127.0.0.1:${port}/graphql`,
    start: () =>
      new Promise<number>((resolve, reject) => {
        const started = spawnScript('scripts/subgraph.ts', [name], { PORT: String(port), DEMO_DATA: '0', ...env });
        child = started;
        let output = '';
        started.stdout!.on('data', (chunk: Buffer) => {
          output += chunk.toString('utf8');
          if (output.includes('subgraph ready at')) resolve(Date.now());
        });
        started.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
        started.once('exit', (code) => reject(new Error(`The ${name} subgraph stopped (${code}) before it was ready:\n${output}`)));
      }),
    kill: async () => {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGKILL');
      await exited;
    },
  };
}
