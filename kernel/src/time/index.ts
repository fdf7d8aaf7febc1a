export * from './calendarDate.ts';
export * from './productionCalendarYear.ts';
export * from './productionCalendar.ts';
export * from './dayCounting.ts';
export { publicHolidaysOf, labourCodeCalendarYear } from './labourCode.ts';
