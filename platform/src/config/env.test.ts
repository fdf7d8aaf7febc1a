import { describe, expect, it } from 'vitest';
import { ConfigError, env, loadConfig } from './env.ts';

describe('a duration setting', () => {
  const spec = { NOTICE_AFTER: env.duration(15 * 60_000) };

  it('reads seconds, minutes and hours as milliseconds, and defaults when unset', () => {
    expect(loadConfig(spec, { NOTICE_AFTER: '30s' }).NOTICE_AFTER).toBe(30_000);
    expect(loadConfig(spec, { NOTICE_AFTER: '15m' }).NOTICE_AFTER).toBe(900_000);
    expect(loadConfig(spec, { NOTICE_AFTER: '2h' }).NOTICE_AFTER).toBe(7_200_000);
    expect(loadConfig(spec, {}).NOTICE_AFTER).toBe(900_000);
  });

  it('refuses anything else with one line naming the variable', () => {
    for (const value of ['15', '1.5h', '-1m', '15 minutes', 'PT15M']) {
      expect(() => loadConfig(spec, { NOTICE_AFTER: value })).toThrow(ConfigError);
    }
    expect(() => loadConfig(spec, { NOTICE_AFTER: '15' })).toThrow(
      'configuration error: NOTICE_AFTER must be a duration such as 30s, 15m or 2h, got "15"',
    );
  });
});
