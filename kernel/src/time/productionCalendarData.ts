import { publicHolidaysOf } from './labourCode.ts';
import type { ProductionCalendarYear } from './productionCalendarYear.ts';

/*
 * Sources:
 * - 2025: Постановление Правительства РФ от 04.10.2024 № 1335 «О переносе выходных дней в 2025 году»:
 *   Sat 4 Jan → Fri 2 May; Sun 5 Jan → Wed 31 Dec; Sun 23 Feb → Thu 8 May; Sat 8 Mar → Fri 13 Jun;
 *   Sat 1 Nov (a working day) → Mon 3 Nov.
 * - 2026: Постановление Правительства РФ от 24.09.2025 № 1466 «О переносе выходных дней в 2026 году»:
 *   Sat 3 Jan → Fri 9 Jan; Sun 4 Jan → Thu 31 Dec. Mon 9 Mar and Mon 11 May are days off by art. 112
 *   itself (8 March falls on a Sunday, 9 May on a Saturday). No working Saturdays.
 * - 2027: no decree had been published when this was written (the decree usually appears in the
 *   autumn of the year before). Every transfer below follows from ТК РФ ст. 112 alone: 1 May (Sat),
 *   9 May (Sun) and 12 June (Sat) move their day off to Mon 3 May, Mon 10 May and Mon 14 June. Sat 2 and
 *   Sun 3 January coincide with the New Year holidays, which only a decree can transfer, so they are not
 *   transferred here. Replace this entry with the decree once it is published; the public holidays
 *   themselves (what the ОСАГО deadline depends on) are fixed by the Labour Code and will not change.
 */
export const PRODUCTION_CALENDAR: readonly ProductionCalendarYear[] = [
  {
    year: 2025,
    basis: 'GOVERNMENT_DECREE',
    source: 'Постановление Правительства РФ от 04.10.2024 № 1335',
    publicHolidays: publicHolidaysOf(2025),
    transferredDaysOff: ['2025-05-02', '2025-05-08', '2025-06-13', '2025-11-03', '2025-12-31'],
    workingWeekendDays: ['2025-11-01'],
  },
  {
    year: 2026,
    basis: 'GOVERNMENT_DECREE',
    source: 'Постановление Правительства РФ от 24.09.2025 № 1466',
    publicHolidays: publicHolidaysOf(2026),
    transferredDaysOff: ['2026-01-09', '2026-03-09', '2026-05-11', '2026-12-31'],
    workingWeekendDays: [],
  },
  {
    year: 2027,
    basis: 'LABOUR_CODE_ONLY',
    source: 'Трудовой кодекс РФ ст. 112 (постановление о переносе выходных дней в 2027 году не опубликовано)',
    publicHolidays: publicHolidaysOf(2027),
    transferredDaysOff: ['2027-05-03', '2027-05-10', '2027-06-14'],
    workingWeekendDays: [],
  },
];
