export type PeriodDates = { label: string; startsOn: string; endsBefore: string };

/**
 * The financial-year quarter (April to March, as CSPs report) holding a calendar date.
 * Q1 is April to June; the year is labelled "2025/26". Dates are 'YYYY-MM-DD' strings so that
 * no time zone can move a response across a quarter boundary.
 */
export function financialQuarterOf(date: string): PeriodDates {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`Not a date written YYYY-MM-DD: ${date}`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (month < 1 || month > 12) throw new RangeError(`Not a date written YYYY-MM-DD: ${date}`);
  const fiscalYear = month >= 4 ? year : year - 1;
  const quarter = Math.floor(((month + 8) % 12) / 3) + 1;
  const startMonth = 4 + (quarter - 1) * 3; // 4, 7, 10, 13 (= January of the next year)
  const start = calendarMonth(fiscalYear, startMonth);
  const end = calendarMonth(fiscalYear, startMonth + 3);
  const nextYearShort = String((fiscalYear + 1) % 100).padStart(2, "0");
  return { label: `${fiscalYear}/${nextYearShort} Q${quarter}`, startsOn: start, endsBefore: end };
}

/** Every financial quarter from the one holding `from` to the one holding `to`, in order. */
export function financialQuartersBetween(from: string, to: string): PeriodDates[] {
  const quarters: PeriodDates[] = [];
  for (let quarter = financialQuarterOf(from); quarter.startsOn <= to; quarter = financialQuarterOf(quarter.endsBefore)) {
    quarters.push(quarter);
  }
  return quarters;
}

function calendarMonth(year: number, month: number): string {
  const y = year + Math.floor((month - 1) / 12);
  const m = ((month - 1) % 12) + 1;
  return `${y}-${String(m).padStart(2, "0")}-01`;
}
