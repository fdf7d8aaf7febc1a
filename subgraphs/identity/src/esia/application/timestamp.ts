const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** ESIA's `timestamp` parameter, `yyyy.MM.dd HH:mm:ss Z`, written in UTC: `2015.11.02 09:37:16 +0000`. */
export function formatEsiaTimestamp(moment: Date): string {
  const date = `${moment.getUTCFullYear()}.${pad(moment.getUTCMonth() + 1)}.${pad(moment.getUTCDate())}`;
  const time = `${pad(moment.getUTCHours())}:${pad(moment.getUTCMinutes())}:${pad(moment.getUTCSeconds())}`;
  return `${date} ${time} +0000`;
}
