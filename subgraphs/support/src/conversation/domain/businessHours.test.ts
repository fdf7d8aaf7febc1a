import { describe, expect, it } from 'vitest';
import { afterHoursReply, isWithinBusinessHours, nextOpening } from './businessHours.ts';

const HOURS = { opensAtMinute: 9 * 60, closesAtMinute: 18 * 60 };
/** Moscow is UTC+3: 09:00 in Moscow is 06:00Z. */
const moscow = (local: string) => new Date(`${local}+03:00`);

describe('business hours (Moscow time, production calendar)', () => {
  it.each([
    ['a working Monday at 09:00', '2026-03-02T09:00:00', true],
    ['a working Monday at 17:59', '2026-03-02T17:59:00', true],
    ['a working Monday at 18:00', '2026-03-02T18:00:00', false],
    ['a working Monday at 08:59', '2026-03-02T08:59:00', false],
    ['a Saturday noon', '2026-03-07T12:00:00', false],
    ['the 9 March holiday (a Monday off)', '2026-03-09T12:00:00', false],
    ['New Year holidays', '2026-01-05T12:00:00', false],
  ])('%s: open is %s', (_case, local, open) => {
    expect(isWithinBusinessHours(moscow(local), HOURS)).toBe(open);
  });

  it('is always open round the clock when so configured', () => {
    expect(isWithinBusinessHours(moscow('2026-01-01T03:00:00'), 'ALWAYS')).toBe(true);
  });

  it.each([
    ['early on a working day: the same morning', '2026-03-02T07:30:00', '2026-03-02T09:00:00'],
    ['a working evening: the next working morning', '2026-03-02T19:00:00', '2026-03-03T09:00:00'],
    ['Friday evening before the 9 March holiday: Tuesday', '2026-03-06T20:00:00', '2026-03-10T09:00:00'],
    [
      'just before midnight Moscow time, which is the previous day in UTC',
      '2026-03-02T23:30:00',
      '2026-03-03T09:00:00',
    ],
  ])('the next opening from %s', (_case, local, expected) => {
    expect(nextOpening(moscow(local), HOURS)).toEqual(moscow(expected));
  });

  it('tells the customer when to expect an answer, in Russian', () => {
    expect(afterHoursReply(moscow('2026-03-10T09:00:00'), HOURS)).toBe(
      'Сейчас нерабочее время поддержки: операторы отвечают по рабочим дням с 09:00 до 18:00 по московскому времени. Мы ответим 10.03.2026 после 09:00.',
    );
  });
});
