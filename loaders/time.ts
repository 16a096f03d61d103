// Instants from the survey tools' local conventions, with no date library: Intl knows the time zone rules.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

const offsets = new Map<string, Map<number, number>>();
const QUARTER_HOUR = 900_000;

/** Milliseconds the zone's wall clock is ahead of UTC at `instant`; cached per quarter hour (Intl is slow, offsets change on the hour). */
function zoneOffset(instant: number, timeZone: string): number {
  let zone = offsets.get(timeZone);
  if (!zone) offsets.set(timeZone, (zone = new Map()));
  const quarter = Math.floor(instant / QUARTER_HOUR);
  let offset = zone.get(quarter);
  if (offset === undefined) {
    offset = intlZoneOffset(quarter * QUARTER_HOUR, timeZone);
    zone.set(quarter, offset);
  }
  return offset;
}

/** The zone's offset (ms ahead of UTC) that wallClockToInstant uses at `instant`: the one at its quarter hour. */
export function zoneOffsetAt(instant: number, timeZone: string): number {
  return zoneOffset(instant, timeZone);
}

function intlZoneOffset(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant a wall-clock time in `timeZone` denotes (the earlier one when a DST fall-back repeats it). */
export function wallClockToInstant(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  timeZone: string,
): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const guess = wall - zoneOffset(wall, timeZone);
  return new Date(wall - zoneOffset(guess, timeZone));
}

function validCalendar(year: number, month: number, day: number, hour: number, minute: number, second: number): boolean {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const formPattern = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2}):(\d{2})$/;

/** Google Forms writes month first; a spreadsheet re-saved in a day-first locale writes day first. */
export type DateOrder = "month-first" | "day-first";

/** The date order a form timestamp proves (a number above 12 can only be a day), or null when either order reads it. */
export function formDateOrderOf(text: string): DateOrder | null {
  const match = formPattern.exec(text.trim());
  if (!match) return null;
  const first = Number(match[1]);
  const second = Number(match[2]);
  if (first > 12 && second <= 12) return "day-first";
  if (second > 12 && first <= 12) return "month-first";
  return null;
}

/** Google Forms `M/D/YYYY H:MM:SS` (or `D/M/YYYY …` day-first) in the form's time zone; null when the text is not such a time. */
export function parseFormTimestamp(text: string, timeZone: string, order: DateOrder = "month-first"): Date | null {
  const match = formPattern.exec(text.trim());
  if (!match) return null;
  const [a, b, year, hour, minute, second] = match.slice(1).map(Number);
  const [month, day] = order === "month-first" ? [a, b] : [b, a];
  if (!validCalendar(year, month, day, hour, minute, second)) return null;
  return wallClockToInstant(year, month, day, hour, minute, second, timeZone);
}

const qualtricsPattern = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

/** Qualtrics `YYYY-MM-DD HH:MM:SS` in the export's time zone (UTC unless its header says otherwise); null when the text is not such a time. */
export function parseQualtricsTimestamp(text: string, timeZone = "UTC"): Date | null {
  const match = qualtricsPattern.exec(text.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  if (!validCalendar(year, month, day, hour, minute, second)) return null;
  if (timeZone === "UTC") return new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return wallClockToInstant(year, month, day, hour, minute, second, timeZone);
}

const isoDates = new Map<string, Date | null>();

/** An ISO `YYYY-MM-DD` calendar date as UTC midnight; null when invalid. Cached: a roster repeats a few dates. */
export function parseIsoDate(text: string): Date | null {
  let date = isoDates.get(text);
  if (date === undefined) {
    date = readIsoDate(text);
    if (isoDates.size < 100_000) isoDates.set(text, date);
  }
  return date;
}

function readIsoDate(text: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number);
  if (!validCalendar(year, month, day, 0, 0, 0)) return null;
  return new Date(Date.UTC(year, month - 1, day));
}

/** The first instant after the wave closes: midnight after `closesOn` in `timeZone`. */
export function endOfDay(closesOn: string, timeZone: string): Date {
  const day = parseIsoDate(closesOn);
  if (!day) throw new Error(`instrument: bad close date ${closesOn}`);
  const next = new Date(day.getTime() + 86_400_000);
  return wallClockToInstant(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), 0, 0, 0, timeZone);
}

const monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const notApplicable = /^(not applicable|n\/?a|none|-|no role|not yet)$/i;

/**
 * A month-and-year answer (`March 2024`, `03/2024`, `2024-03`) as the first of that month;
 * null for "not applicable" or blank, undefined when the text cannot be read.
 */
export function parseMonthYear(text: string): Date | null | undefined {
  const answer = text.trim();
  if (answer === "" || notApplicable.test(answer)) return null;
  let year: number | undefined;
  let month: number | undefined;
  const named = /^([a-z]{3,9})\.?,? (\d{4})$/i.exec(answer);
  const slashed = /^(\d{1,2})[/.-](\d{4})$/.exec(answer);
  const iso = /^(\d{4})[-/](\d{1,2})$/.exec(answer);
  if (named) {
    const index = monthNames.indexOf(named[1].slice(0, 3).toLowerCase());
    if (index >= 0 && monthNames.some((m) => named[1].toLowerCase().startsWith(m))) {
      month = index + 1;
      year = Number(named[2]);
    }
  } else if (slashed) {
    month = Number(slashed[1]);
    year = Number(slashed[2]);
  } else if (iso) {
    year = Number(iso[1]);
    month = Number(iso[2]);
  }
  if (year === undefined || month === undefined || month < 1 || month > 12) return undefined;
  return new Date(Date.UTC(year, month - 1, 1));
}

const DAYS_PER_MONTH = 365.25 / 12;

/** Months from `from` to `to` (negative when `to` is earlier), at the average month length. */
export function monthsBetween(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / 86_400_000 / DAYS_PER_MONTH;
}
