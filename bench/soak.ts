import { runLoad, type LoadRequest } from './load';
import type { ServerProcess } from './processes';

const MIB = 1024 * 1024;

/** Memory of each process at the start and end of a long run at a steady share of the peak rate. */
export interface SoakResult {
  operation: string;
  seconds: number;
  /** Requests per second asked for: `share` of the peak the load phase measured. */
  targetRequestsPerSecond: number;
  share: number;
  requestsPerSecond: number;
  errors: number;
  /** RSS in MiB per process (gateway, subgraph-<name>): after the first tenth of the run, and at its end. */
  rssMiB: { process: string; start: number | null; end: number | null; growthPercent: number | null }[];
}

/**
 * Runs `seconds` of load at `share` of `peakRequestsPerSecond` and reads each process's RSS once the first tenth is
 * over (JIT and caches warm) and at the end: memory that keeps growing under a steady load is a leak.
 */
export async function soak(options: {
  origin: string;
  operation: string;
  requests: LoadRequest[];
  peakRequestsPerSecond: number;
  share: number;
  seconds: number;
  connections: number;
  seed: number;
  processes: ServerProcess[];
}): Promise<SoakResult> {
  const rate = Math.max(1, Math.round(options.peakRequestsPerSecond * options.share));
  const load = { origin: options.origin, requests: options.requests, connections: options.connections, seed: options.seed, overallRate: rate };
  const warm = Math.max(1, Math.round(options.seconds / 10));
  const first = await runLoad({ ...load, seconds: warm });
  const start = options.processes.map((process) => process.rss());
  const rest = await runLoad({ ...load, seconds: options.seconds - warm });
  const end = options.processes.map((process) => process.rss());
  return {
    operation: options.operation,
    seconds: options.seconds,
    targetRequestsPerSecond: rate,
    share: options.share,
    requestsPerSecond: (first.requests + rest.requests) / (first.seconds + rest.seconds),
    errors: [first, rest].reduce((total, run) => total + run.errors.http + run.errors.graphql + run.errors.transport, 0),
    rssMiB: options.processes.map((process, index) => {
      const before = start[index] === null ? null : start[index]! / MIB;
      const after = end[index] === null ? null : end[index]! / MIB;
      return { process: process.name, start: before, end: after, growthPercent: before && after ? ((after - before) / before) * 100 : null };
    }),
  };
}

export function renderSoak(result: SoakResult): string[] {
  return [
    `## Soak: ${result.operation} for ${result.seconds} s at ${Math.round(result.share * 100)}% of its peak rate`,
    '',
    `Asked for ${result.targetRequestsPerSecond} req/s, got ${result.requestsPerSecond.toFixed(0)} req/s with ${result.errors} errors. ` +
      'Resident memory once the first tenth of the run was over, and at its end:',
    '',
    '| process | RSS start MiB | RSS end MiB | growth |',
    '| --- | ---: | ---: | ---: |',
    ...result.rssMiB.map((row) => `| ${row.process} | ${row.start?.toFixed(0) ?? 'n/a'} | ${row.end?.toFixed(0) ?? 'n/a'} | ${row.growthPercent === null ? 'n/a' : `${row.growthPercent.toFixed(1)}%`} |`),
    '',
  ];
}
