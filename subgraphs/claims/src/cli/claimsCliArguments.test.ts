import { describe, expect, it } from 'vitest';
import { parseClaimsCliArguments, UsageError } from './claimsCliArguments.ts';

describe('the claims command line’s arguments', () => {
  it.each([
    [['--help'], { kind: 'help' }],
    [['replay', 'У-2026-000001', '-h'], { kind: 'help' }],
    [['replay', 'У-2026-000001'], { kind: 'replay', reference: 'У-2026-000001', asOf: undefined }],
    [
      ['replay', 'У-2026-000001', '--as-of', '2026-03-02T09:00:00Z'],
      { kind: 'replay', reference: 'У-2026-000001', asOf: new Date('2026-03-02T09:00:00Z') },
    ],
    [['export'], { kind: 'export', since: undefined, format: 'jsonl' }],
    [
      ['export', '--since', '2026-03-02', '--format', 'csv'],
      { kind: 'export', since: new Date('2026-03-02T00:00:00Z'), format: 'csv' },
    ],
    [['export', '--since=c:42'], { kind: 'export', since: 'c:42', format: 'jsonl' }],
    [['rebuild'], { kind: 'rebuild' }],
  ])('%j', (args, command) => {
    expect(parseClaimsCliArguments(args)).toEqual(command);
  });

  it.each([
    [[], 'a command is needed'],
    [['replay'], 'replay needs a claim number or id'],
    [['replay', 'a', 'b'], 'replay takes one claim, got also: b'],
    [['replay', 'a', '--as-of', 'yesterday'], '--as-of: not an ISO time: yesterday'],
    [['export', '--since', '2026-13-45'], '--since: not an ISO time: 2026-13-45'],
    [['export', '--format', 'xml'], '--format is jsonl or csv, got xml'],
    [['export', 'everything'], 'export takes no everything'],
    [['rebuild', '--since', '2026-03-02'], 'rebuild takes no --since'],
    [['replay', 'a', '--bogus'], "unknown option '--bogus'"],
    [['export', '--since'], "option '--since <value>' argument missing"],
    [['drop'], 'unknown command: drop'],
  ])('refuses %j: %s', (args, message) => {
    expect(() => parseClaimsCliArguments(args)).toThrow(new UsageError(message));
  });
});
