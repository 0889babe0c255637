export type PeriodDates = { label: string; startsOn: string; endsBefore: string };

/** The month (1 to 12) a partnership's reporting year starts in: April, the financial year, unless set otherwise. */
export const FINANCIAL_YEAR_START = 4;

/**
 * The quarter of the reporting year holding a calendar date. CSPs report by financial year
 * (April to March: Q1 is April to June, the year labelled "2025/26"); a partnership whose year
 * starts in another month has its quarters start there, and a calendar year (January) is
 * labelled "2025". Dates are 'YYYY-MM-DD' strings so that no time zone can move a response
 * across a quarter boundary.
 */
export function reportingQuarterOf(date: string, yearStartMonth: number = FINANCIAL_YEAR_START): PeriodDates {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`Not a date written YYYY-MM-DD: ${date}`);
  if (!Number.isInteger(yearStartMonth) || yearStartMonth < 1 || yearStartMonth > 12) throw new RangeError(`Not a month: ${yearStartMonth}`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (month < 1 || month > 12) throw new RangeError(`Not a date written YYYY-MM-DD: ${date}`);
  const reportingYear = month >= yearStartMonth ? year : year - 1;
  const monthsIn = (month - yearStartMonth + 12) % 12;
  const quarter = Math.floor(monthsIn / 3) + 1;
  const startMonth = yearStartMonth + (quarter - 1) * 3; // may run past 12 into the next calendar year
  const start = calendarMonth(reportingYear, startMonth);
  const end = calendarMonth(reportingYear, startMonth + 3);
  const nextYearShort = String((reportingYear + 1) % 100).padStart(2, "0");
  const yearLabel = yearStartMonth === 1 ? String(reportingYear) : `${reportingYear}/${nextYearShort}`;
  return { label: `${yearLabel} Q${quarter}`, startsOn: start, endsBefore: end };
}

/** Every quarter from the one holding `from` to the one holding `to`, in order. */
export function reportingQuartersBetween(from: string, to: string, yearStartMonth: number = FINANCIAL_YEAR_START): PeriodDates[] {
  const quarters: PeriodDates[] = [];
  for (let quarter = reportingQuarterOf(from, yearStartMonth); quarter.startsOn <= to; quarter = reportingQuarterOf(quarter.endsBefore, yearStartMonth)) {
    quarters.push(quarter);
  }
  return quarters;
}

/** The financial-year quarter (April to March) holding a calendar date. */
export const financialQuarterOf = (date: string): PeriodDates => reportingQuarterOf(date, FINANCIAL_YEAR_START);

/** Every financial quarter from the one holding `from` to the one holding `to`, in order. */
export const financialQuartersBetween = (from: string, to: string): PeriodDates[] => reportingQuartersBetween(from, to, FINANCIAL_YEAR_START);

function calendarMonth(year: number, month: number): string {
  const y = year + Math.floor((month - 1) / 12);
  const m = ((month - 1) % 12) + 1;
  return `${y}-${String(m).padStart(2, "0")}-01`;
}
