import { parseArgs } from 'node:util';

export const CLAIMS_CLI_USAGE = `usage: npm run claims -- <command>
  replay <claim number|id> [--as-of <ISO time>]           a claim's timeline and state (as of a moment)
  export [--since <cursor|ISO time>] [--format jsonl|csv]  the claim log from there on (all of it, jsonl)
  rebuild                                                  every claim read model from the start of the log
                                                           (stop the claims service first)
  --help                                                   this text
The data is read from DATA_DIR (default ./data), or from EVENTSTORE_URL and MONGODB_URL when set.`;

export type ClaimsCliCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'replay'; readonly reference: string; readonly asOf: Date | undefined }
  | { readonly kind: 'export'; readonly since: Date | string | undefined; readonly format: 'jsonl' | 'csv' }
  | { readonly kind: 'rebuild' };

/** Arguments the command line does not take: one line for the person, then the usage. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const OPTIONS = {
  'as-of': { type: 'string' },
  since: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const OPTIONS_OF: Record<Exclude<ClaimsCliCommand['kind'], 'help'>, readonly string[]> = {
  replay: ['as-of'],
  export: ['since', 'format'],
  rebuild: [],
};

function moment(option: string, value: string): Date {
  const parsed = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(parsed.getTime())) {
    throw new UsageError(`--${option}: not an ISO time: ${value}`);
  }
  return parsed;
}

/** What the command line asks for; throws a `UsageError` for anything it does not take. */
export function parseClaimsCliArguments(args: readonly string[]): ClaimsCliCommand {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    // node:util's messages go on with advice about '--' that does not apply here.
    const message = error instanceof Error ? (error.message.split('. ')[0] ?? '') : '';
    throw new UsageError(message.charAt(0).toLowerCase() + message.slice(1) || 'bad arguments');
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  const [command, ...operands] = positionals;
  if (command === undefined) throw new UsageError('a command is needed');
  if (command !== 'replay' && command !== 'export' && command !== 'rebuild') {
    throw new UsageError(`unknown command: ${command}`);
  }
  const stray = Object.keys(values).find((option) => !OPTIONS_OF[command].includes(option));
  if (stray) throw new UsageError(`${command} takes no --${stray}`);

  if (command === 'replay') {
    const [reference, ...rest] = operands;
    if (reference === undefined) throw new UsageError('replay needs a claim number or id');
    if (rest.length > 0) throw new UsageError(`replay takes one claim, got also: ${rest.join(' ')}`);
    const asOf = values['as-of'];
    return { kind: 'replay', reference, asOf: asOf === undefined ? undefined : moment('as-of', asOf) };
  }
  if (operands.length > 0) throw new UsageError(`${command} takes no ${operands.join(' ')}`);
  if (command === 'rebuild') return { kind: 'rebuild' };
  const format = values.format ?? 'jsonl';
  if (format !== 'jsonl' && format !== 'csv') throw new UsageError(`--format is jsonl or csv, got ${format}`);
  const since = values.since;
  return {
    kind: 'export',
    format,
    since: since !== undefined && /^\d{4}-\d{2}-\d{2}/.test(since) ? moment('since', since) : since,
  };
}
