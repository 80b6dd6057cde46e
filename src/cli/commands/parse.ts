import yargs from 'yargs';
import { WorkflowError } from '../../util/errors.js';
import type { CommandIO } from './index.js';

/** A small strict yargs parser for one subcommand; help goes to stdout, mistakes become errors. */
export async function parseCommand<T>(
  name: string,
  args: string[],
  io: CommandIO,
  build: (y: ReturnType<typeof yargs>) => ReturnType<typeof yargs>,
): Promise<(T & { _: (string | number)[] }) | null> {
  let helped = false;
  const parser = build(yargs(args).scriptName(`twelve-factor-audit ${name}`))
    .strict()
    .help()
    .version(false)
    .exitProcess(false)
    .showHelpOnFail(false)
    .fail((msg, err) => {
      throw err ?? new WorkflowError(msg);
    });
  const parsed = await parser.parseAsync(args, {}, (err, _argv, output) => {
    if (err) throw err instanceof Error ? err : new WorkflowError(String(err));
    if (output) {
      helped = true;
      io.stdout(`${output}\n`);
    }
  });
  return helped ? null : (parsed as unknown as T & { _: (string | number)[] });
}
