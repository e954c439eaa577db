import { parseArgs, type ParseArgsConfig } from 'node:util';
import { defaultDatabase } from '../platform/database/default-database';

type Options = NonNullable<ParseArgsConfig['options']>;
export type ParsedAction<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: O }>>;

/** A `nongsan <name> <action> [options]` command working on something opened from the hub's database. */
export interface ActionCommand<O extends Options, R extends { close(): Promise<void> }> {
  name: string;
  help: string;
  actions: readonly string[];
  options: O;
  /** Opens what the actions work on, given the default database's URL (embedded PostgreSQL when none is set). */
  open(databaseUrl: string): Promise<R>;
  run(action: string, parsed: ParsedAction<O>, resource: R): Promise<void>;
}

/**
 * Runs an action command the same way for every such command: help and unknown actions (exit 2), options parsed,
 * the resource opened and always closed with any embedded database started for it, and a failure printed with the
 * command's name (exit 1).
 */
export async function runActionCommand<O extends Options, R extends { close(): Promise<void> }>(command: ActionCommand<O, R>, args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (!action || action === '--help' || action === '-h') {
    console.log(command.help);
    return action ? 0 : 2;
  }
  if (!command.actions.includes(action)) {
    console.error(`Unknown ${command.name} command "${action}".\n\n${command.help}`);
    return 2;
  }
  const parsed = parseArgs({ args: rest, allowPositionals: true, options: command.options });
  const { url, embedded } = await defaultDatabase();
  let resource: R | undefined;
  try {
    resource = await command.open(url);
    await command.run(action, parsed, resource);
    return 0;
  } catch (error) {
    console.error(`nongsan ${command.name} ${action}: ${(error as Error).message}`);
    return 1;
  } finally {
    await resource?.close();
    await embedded?.stop();
  }
}
