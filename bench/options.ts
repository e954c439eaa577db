import { CONTENDER_NAMES, OPERATION_NAMES, type ContenderName, type OperationName } from './names';

export interface BenchOptions {
  /** 0: the hub's demo data set. */
  households: number;
  seed: number;
  /** Seconds of measured load per operation and contender. */
  duration: number;
  /** Seconds of unmeasured load before each measurement (plan caches, JIT). */
  warmup: number;
  connections: number;
  /** Times the whole load phase is repeated; the median round is reported. */
  rounds: number;
  operations: OperationName[];
  contenders: ContenderName[];
  /** Sets of variables per operation whose answers every contender must agree on. */
  verifySamples: number;
  /** First of the ports used: the contender under load, then the four subgraphs. */
  port: number;
  /** Where the result files go. */
  outDir: string;
  /** Seconds of the soak run (memory at 70% of the peak rate) after the load phase; 0: none. */
  soak: number;
  /** The four subgraphs each in its own process (as deployed one per agency), or all four in one process. */
  subgraphProcesses: 'each' | 'one';
  help: boolean;
}

export const DEFAULT_HOUSEHOLDS = 100_000;

export const DEFAULTS: BenchOptions = {
  households: DEFAULT_HOUSEHOLDS,
  seed: 42,
  duration: 10,
  warmup: 3,
  connections: 10,
  rounds: 1,
  operations: [...OPERATION_NAMES],
  contenders: [...CONTENDER_NAMES],
  verifySamples: 20,
  port: 4100,
  outDir: 'bench/results',
  soak: 0,
  subgraphProcesses: 'each',
  help: false,
};

export const HELP = `Usage: npm run bench -- [options]

Drives HTTP load through our gateway and its peers, side by side on the same subgraphs and data, and writes
bench/results/<date>-<size>.json and .md.

Options:
  --households N     size of the data set (default ${DEFAULT_HOUSEHOLDS}); generated with --seed on first use and
                     reused afterwards, in .data/bench-<size> (e.g. bench-100000; or DATABASE_URL)
  --demo             the hub's demo data set instead (same as --households 0)
  --seed N           generator seed (default ${DEFAULTS.seed})
  --duration S       seconds of measured load per operation and contender (default ${DEFAULTS.duration})
  --warmup S         seconds of unmeasured load before each measurement (default ${DEFAULTS.warmup})
  --connections N    concurrent HTTP connections (default ${DEFAULTS.connections})
  --rounds N         repeat the load phase N times, contenders taking turns, and report each figure's
                     median round (default ${DEFAULTS.rounds}); steadier figures on a busy machine
  --operations LIST  comma-separated, from ${OPERATION_NAMES.join(', ')} (default: all)
  --gateways LIST    contenders, comma-separated, from ${CONTENDER_NAMES.join(', ')} (default: all);
                     "ours" is the reference of the ratios and always runs
  --verify N         sets of variables per operation compared across contenders before the load (default ${DEFAULTS.verifySamples})
  --subgraphs-in-one-process
                     the four subgraphs in one process (npm run subgraph -- registry statistics ...), still
                     called over HTTP, instead of one process each
  --port P           first of five ports: the contender under load, then the four subgraphs (default ${DEFAULTS.port})
  --out DIR          where the result files go (default ${DEFAULTS.outDir})
  --soak S           then S seconds (600 for the issue's 10 minutes) of the first operation through our gateway at
                     70% of the peak rate it measured, with each process's memory at the start and end
  --help             this text

Environment: DATABASE_URL (use this PostgreSQL instead of the embedded one), DATABASE_PORT (the embedded
PostgreSQL's port, default 54339).`;

export class UsageError extends Error {}

export function parseOptions(argv: string[]): BenchOptions {
  const options: BenchOptions = { ...DEFAULTS, operations: [...DEFAULTS.operations], contenders: [...DEFAULTS.contenders] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const next = inline ?? argv[++i];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${flag} needs a value.`);
      return next;
    };
    switch (flag) {
      case '--help':
      case '-h':
        options.help = true;
        break;
      case '--demo':
        options.households = 0;
        break;
      case '--households':
        options.households = integer(flag, value(), 0);
        break;
      case '--seed':
        options.seed = integer(flag, value(), 0);
        break;
      case '--duration':
        options.duration = positive(flag, value());
        break;
      case '--warmup':
        options.warmup = integer(flag, value(), 0);
        break;
      case '--connections':
        options.connections = integer(flag, value(), 1);
        break;
      case '--rounds':
        options.rounds = integer(flag, value(), 1);
        break;
      case '--operations':
        options.operations = list(flag, value(), OPERATION_NAMES);
        break;
      case '--gateways':
      case '--contenders':
        options.contenders = list(flag, value(), CONTENDER_NAMES);
        break;
      case '--verify':
        options.verifySamples = integer(flag, value(), 1);
        break;
      case '--port':
        options.port = integer(flag, value(), 1);
        if (options.port + 4 > 65535) throw new UsageError('--port must leave room for five consecutive ports.');
        break;
      case '--subgraphs-in-one-process':
        options.subgraphProcesses = 'one';
        break;
      case '--soak':
        options.soak = integer(flag, value(), 0);
        break;
      case '--out':
        options.outDir = value();
        break;
      default:
        throw new UsageError(`Unknown option ${arg}. Run npm run bench -- --help for the list.`);
    }
  }
  // Every figure is a ratio to our gateway, so it runs even when not asked for.
  if (!options.contenders.includes('ours')) options.contenders.unshift('ours');
  options.contenders = CONTENDER_NAMES.filter((name) => options.contenders.includes(name));
  return options;
}

function integer(flag: string, text: string, min: number): number {
  const number = Number(text.replace(/_/g, ''));
  if (!Number.isInteger(number) || number < min) throw new UsageError(`${flag} must be a whole number of at least ${min}, not "${text}".`);
  return number;
}

function positive(flag: string, text: string): number {
  const number = Number(text);
  if (!Number.isFinite(number) || number <= 0) throw new UsageError(`${flag} must be a positive number of seconds, not "${text}".`);
  return number;
}

function list<T extends string>(flag: string, text: string, allowed: readonly T[]): T[] {
  const items = text.split(',').map((item) => item.trim()).filter(Boolean);
  const unknown = items.filter((item) => !allowed.includes(item as T));
  if (unknown.length > 0 || items.length === 0) {
    throw new UsageError(`${flag}: unknown ${unknown.map((item) => `"${item}"`).join(', ') || 'empty list'}; choose from ${allowed.join(', ')}.`);
  }
  return allowed.filter((name) => items.includes(name));
}
