const MOSCOW_DATE_TIME = new Intl.DateTimeFormat('ru-RU', {
  timeZone: 'Europe/Moscow',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** An instant as people in Moscow read it, e.g. «20.04.2026, 12:00». */
export function formatMoscowDateTime(instant: string | Date): string {
  return MOSCOW_DATE_TIME.format(typeof instant === 'string' ? new Date(instant) : instant);
}
