/**
 * The State Council's published rest days (weekends, statutory holidays, minus the make-up working days,
 * 调休). `isRestDay` answers null for a year it has no data for — never a guess from weekends alone.
 */
export interface HolidayCalendar {
  isRestDay(date: string): boolean | null;
}
