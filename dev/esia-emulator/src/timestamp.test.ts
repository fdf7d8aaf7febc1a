import { describe, expect, it } from 'vitest';
import { EsiaRejection } from './esiaErrors.ts';
import { checkTimestamp, parseEsiaTimestamp } from './timestamp.ts';

describe('ESIA timestamp', () => {
  it.each([
    { value: '2015.11.02 09:37:16 +0000', iso: '2015-11-02T09:37:16.000Z' },
    { value: '2015.11.02 12:37:16 +0300', iso: '2015-11-02T09:37:16.000Z' },
    { value: '2015.11.02 05:07:16 -0430', iso: '2015-11-02T09:37:16.000Z' },
  ])('reads $value', ({ value, iso }) => {
    expect(parseEsiaTimestamp(value)?.toISOString()).toBe(iso);
  });

  it.each([
    '2015-11-02 09:37:16 +0000',
    '2015.11.02T09:37:16 +0000',
    '2015.02.30 09:37:16 +0000',
    '2015.11.02 24:00:00 +0000',
    '2015.11.02 09:37:16',
  ])('refuses %s', (value) => {
    expect(parseEsiaTimestamp(value)).toBeUndefined();
  });

  it('refuses a request too far from the clock with ESIA-007015', () => {
    const now = new Date('2015-11-02T09:37:16Z');
    expect(() => checkTimestamp('2015.11.02 09:42:16 +0000', now, 300)).not.toThrow();
    expect(() => checkTimestamp('2015.11.02 09:42:17 +0000', now, 300)).toThrow(EsiaRejection);
    expect(() => checkTimestamp('2015.11.02 09:32:15 +0000', now, 300)).toThrow(/ESIA-007015/);
  });
});
