import type { CalendarDate } from './calendarDate.ts';

/** One year of the Russian production calendar (производственный календарь) for a five-day week. */
export interface ProductionCalendarYear {
  readonly year: number;
  /** Whether the transfers come from the published government decree or from art. 112 rules alone. */
  readonly basis: 'GOVERNMENT_DECREE' | 'LABOUR_CODE_ONLY';
  readonly source: string;
  /** Нерабочие праздничные дни (ТК РФ ст. 112 ч. 1): the days 40-ФЗ excludes from the ОСАГО deadline. */
  readonly publicHolidays: readonly CalendarDate[];
  /** Weekdays that are days off because a day off was transferred to them. */
  readonly transferredDaysOff: readonly CalendarDate[];
  /** Saturdays and Sundays that a transfer made working days. */
  readonly workingWeekendDays: readonly CalendarDate[];
}
