/** A day (`2027-01-31`) and a time on a day (`2027-01-31T18:00`, seconds, fraction and zone optional; dbt's YAML may write a space for the T). */
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_ON_DAY = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/**
 * When an `expires` ends (ms): a day holds through its end (UTC), a time is that time; NaN when it is neither. One reading
 * for a node's meta suppression and the config's allowlist entries, so that the same date lapses at the same moment.
 * Only these two forms, each checked against the calendar: Date.parse reads `2027-02-30` as 2 March and `Feb 30 2027`
 * likewise, so a mistyped date was a date that nobody wrote.
 */
export function expiryOf(expires: string): number {
  const written = expires.trim();
  const day = DAY.exec(written);
  if (day) return isCalendarDay(day) ? Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]) + 1) : NaN;
  const time = TIME_ON_DAY.exec(written);
  const inRange = time && isCalendarDay(time) && Number(time[4]) < 24 && Number(time[5]) < 60 && Number(time[6] ?? 0) < 60;
  return inRange ? Date.parse(written) : NaN;
}

/** Whether [, year, month, day] name a day that exists (month 1–12, the day within that month, 29 February in leap years). */
function isCalendarDay([, year, month, day]: RegExpExecArray): boolean {
  const daysInMonth = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  return Number(month) >= 1 && Number(month) <= 12 && Number(day) >= 1 && Number(day) <= daysInMonth;
}
