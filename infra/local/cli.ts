import { parseArgs } from 'node:util';

type Option =
  | { readonly type: 'string'; readonly short?: string; readonly default?: string }
  | { readonly type: 'boolean'; readonly short?: string; readonly default?: boolean };

/**
 * The command line of a local tool (`npm run token`, `sla`, `start`): `--help` or `-h` prints its usage on
 * stdout and exits 0; an unknown or malformed option prints what is wrong and the usage on stderr and exits
 * 2. A person who asks a tool how to use it gets an answer, never a Node stack trace.
 */
export function commandLine<const O extends Readonly<Record<string, Option>>>(
  usage: string,
  options: O,
  config: { readonly positionals?: boolean } = {},
) {
  const all = { ...options, help: { type: 'boolean', short: 'h' } } as const;
  let parsed: ReturnType<typeof parseArgs<{ options: typeof all; allowPositionals: boolean; strict: true }>>;
  try {
    parsed = parseArgs({ options: all, allowPositionals: config.positionals ?? false, strict: true });
  } catch (error) {
    return usageError(usage, (error as Error).message);
  }
  if ((parsed.values as { help?: boolean }).help) {
    console.log(usage);
    process.exit(0);
  }
  return parsed;
}

/** Bad usage: the problem, then the usage, on stderr; exit code 2. */
export function usageError(usage: string, problem: string): never {
  console.error(`${problem}\n${usage}`);
  process.exit(2);
}
