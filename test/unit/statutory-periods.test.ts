import { describe, expect, it } from 'vitest';
import {
  addYears,
  calendarDeadline,
  periodDeadline,
  workingDaysDeadline,
  yearsDeadline,
} from '../../domain/clocks/legal-time.ts';
import { PERIOD_IDS, type PeriodId, STATUTORY_PERIODS, withOverrides } from '../../domain/clocks/periods.ts';
import { ValidationError } from '../../domain/shared/errors.ts';
import { PublishedHolidayCalendar } from '../../functions/adapters/holiday-calendar.ts';

/**
 * Every statutory period counted across 2026's published holidays and make-up working days (chinese-days):
 * New Year 1–3 Jan (Sun 4 Jan worked); Spring Festival 15–23 Feb (Sat 14 and Sat 28 Feb worked); Qingming
 * 4–6 Apr; Labour Day 1–5 May (Sat 9 May worked); Dragon Boat 19–21 Jun; Mid-autumn 25–27 Sep (Sun 20 Sep
 * worked); National Day 1–7 Oct (Sat 10 Oct worked). Starts are 10:00 in Shanghai; a deadline is the end of
 * its Shanghai day (23:59:59.999 CST = 15:59:59.999Z).
 */

const calendar = new PublishedHolidayCalendar();
const at10 = (date: string) => `${date}T02:00:00.000Z`;
const endOf = (date: string) => `${date}T15:59:59.999Z`;

describe('every statutory period, in its own unit (Civil Code arts. 201–203)', () => {
  // [period, start date, last day, why]
  const rows: [PeriodId, string, string, string][] = [
    [
      'MEDIATION',
      '2026-09-16',
      '2026-10-08',
      '15 days end 1 Oct, in National Day: the first working day after',
    ],
    ['COURT_DELEGATED_MEDIATION', '2026-09-01', '2026-10-08', '30 days end 1 Oct: rolls past National Day'],
    [
      'ARBITRATION_ACCEPTANCE',
      '2026-09-28',
      '2026-10-10',
      '5 working days: 29, 30 Sep, 8, 9, 10 Oct (Sat worked)',
    ],
    ['ARBITRATION_AWARD', '2026-01-06', '2026-02-24', '45 days end 20 Feb, in Spring Festival'],
    ['SUE_AFTER_NON_FINAL_AWARD', '2026-04-17', '2026-05-06', '15 days end 2 May, in Labour Day'],
    ['SUE_AFTER_FINAL_AWARD', '2026-09-25', '2026-10-10', '15 days end on Sat 10 Oct, a make-up working day'],
    ['SET_ASIDE_FINAL_AWARD', '2026-01-15', '2026-02-14', '30 days end on Sat 14 Feb, a make-up working day'],
    [
      'JUDICIAL_CONFIRMATION',
      '2026-01-16',
      '2026-02-24',
      '30 days end 15 Feb, the first day of Spring Festival',
    ],
    ['ARBITRAL_REVIEW_OF_AGREEMENT', '2025-12-17', '2026-01-04', '15 days end 1 Jan; Sun 4 Jan is worked'],
    ['PAYMENT_ORDER_ACCEPTANCE', '2026-06-14', '2026-06-22', '5 days end 19 Jun, in Dragon Boat'],
    ['PAYMENT_ORDER_ISSUE', '2026-09-05', '2026-09-20', '15 days end on Sun 20 Sep, a make-up working day'],
    ['PAYMENT_ORDER_OBJECTION', '2026-03-21', '2026-04-07', '15 days end 5 Apr, in Qingming'],
    ['LIMITATION', '2025-10-01', '2026-10-08', 'one year ends 1 Oct 2026, in National Day'],
    ['SUE_AFTER_SET_ASIDE', '2026-09-16', '2026-10-08', '15 days end 1 Oct, in National Day (LDMAL art. 49)'],
    [
      'ENFORCEMENT_APPLICATION',
      '2024-02-29',
      '2026-02-28',
      'two years (CPL art. 250): 2026 has no 29 Feb, so the end of the month, Sat 28 Feb, a make-up working day',
    ],
  ];

  it('has a row here for every period of the table', () => {
    expect(rows.map(([id]) => id).sort()).toEqual([...PERIOD_IDS].sort());
  });

  it.each(rows)('%s from %s ends %s (%s)', (id, start, last) => {
    expect(periodDeadline(STATUTORY_PERIODS[id], at10(start), calendar)).toEqual({
      at: endOf(last),
      provisional: false,
    });
  });

  it('states for every row its unit, why that unit, what starts and stops it and its basis', () => {
    for (const id of PERIOD_IDS) {
      const p = STATUTORY_PERIODS[id];
      expect(p.id).toBe(id);
      expect(p.length).toBeGreaterThan(0);
      expect(['CALENDAR_DAYS', 'WORKING_DAYS', 'YEARS']).toContain(p.unit);
      for (const text of [p.unitBasis, p.startsOn, p.stoppedBy, p.basis])
        expect(text.length).toBeGreaterThan(5);
    }
    expect(STATUTORY_PERIODS.ARBITRATION_ACCEPTANCE.unit).toBe('WORKING_DAYS');
    expect(STATUTORY_PERIODS.LIMITATION).toMatchObject({ length: 1, unit: 'YEARS' });
  });
});

describe('the award period and its extension (LDMAL art. 43)', () => {
  const award = STATUTORY_PERIODS.ARBITRATION_AWARD;

  it('carries its extension as data: at most 15 days, with the chair’s approval', () => {
    expect(award.extension).toMatchObject({ maxDays: 15 });
    expect(award.extension?.basis).toContain('LDMAL art. 43');
  });

  it('extends by up to 15 days, counted from the same acceptance', () => {
    // 45 + 15 = 60 days from 6 Jan end on Sat 7 Mar, an ordinary weekend: Monday 9 Mar.
    expect(periodDeadline(award, at10('2026-01-06'), calendar, { extensionDays: 15 }).at).toBe(
      endOf('2026-03-09'),
    );
    expect(periodDeadline(award, at10('2026-01-06'), calendar, { extensionDays: 0 }).at).toBe(
      endOf('2026-02-24'),
    );
  });

  it('refuses a longer extension, and an extension of a period that has none', () => {
    expect(() => periodDeadline(award, at10('2026-01-06'), calendar, { extensionDays: 16 })).toThrow(
      ValidationError,
    );
    expect(() =>
      periodDeadline(STATUTORY_PERIODS.SUE_AFTER_NON_FINAL_AWARD, at10('2026-01-06'), calendar, {
        extensionDays: 1,
      }),
    ).toThrow(/cannot be extended/);
    // Union mediation: both parties may agree to extend it (enterprise mediation rules 2011), no cap.
    expect(
      periodDeadline(STATUTORY_PERIODS.MEDIATION, at10('2026-03-02'), calendar, { extensionDays: 10 }).at,
    ).toBe(endOf('2026-03-27'));
    // Court delegation: extension by the parties' agreement, with no statutory cap.
    expect(
      periodDeadline(STATUTORY_PERIODS.COURT_DELEGATED_MEDIATION, at10('2026-03-02'), calendar, {
        extensionDays: 30,
      }).at,
    ).toBe(endOf('2026-05-06'));
  });
});

describe('calendar days across 2026 (art. 203)', () => {
  const rows: [number, string, string, string][] = [
    [15, '2026-09-16', '2026-10-08', 'last day 1 Oct (National Day) → 8 Oct'],
    [15, '2026-09-25', '2026-10-10', 'last day Sat 10 Oct is a make-up working day: no roll'],
    [15, '2026-01-31', '2026-02-24', 'last day 15 Feb (Spring Festival, off to 23 Feb) → Tue 24 Feb'],
    [15, '2026-01-30', '2026-02-14', 'last day Sat 14 Feb is a make-up working day'],
    [15, '2026-02-13', '2026-02-28', 'last day Sat 28 Feb is a make-up working day'],
    [15, '2026-02-20', '2026-03-09', 'last day Sat 7 Mar, an ordinary weekend → Mon 9 Mar'],
    [15, '2025-12-17', '2026-01-04', 'last day 1 Jan (off 1–3 Jan) → Sun 4 Jan, worked'],
    [15, '2026-09-11', '2026-09-28', 'last day Sat 26 Sep (Mid-autumn 25–27) → Mon 28 Sep'],
    [15, '2026-09-05', '2026-09-20', 'last day Sun 20 Sep is a make-up working day'],
    [15, '2026-04-24', '2026-05-09', 'last day Sat 9 May is a make-up working day'],
    [5, '2026-09-30', '2026-10-08', 'last day 5 Oct → 8 Oct'],
    [30, '2026-01-16', '2026-02-24', 'last day 15 Feb → 24 Feb'],
    [45, '2026-08-23', '2026-10-08', 'last day 7 Oct, the last day off → 8 Oct'],
    [15, '2026-03-02', '2026-03-17', 'an ordinary Tuesday'],
  ];
  it.each(rows)('%i days from %s end %s (%s)', (days, start, last) => {
    expect(calendarDeadline(at10(start), days, calendar)).toEqual({ at: endOf(last), provisional: false });
  });
});

describe('working days across 2026', () => {
  const rows: [number, string, string, string][] = [
    [5, '2026-09-28', '2026-10-10', '29, 30 Sep, (1–7 Oct off), 8, 9 Oct, Sat 10 Oct worked'],
    [5, '2026-02-12', '2026-02-26', 'Fri 13, Sat 14 Feb worked, (15–23 off), 24, 25, 26 Feb'],
    [5, '2025-12-30', '2026-01-07', '31 Dec, (1–3 Jan off), Sun 4 Jan worked, 5, 6, 7 Jan'],
    [5, '2026-03-02', '2026-03-09', 'Tue–Fri, (weekend), Mon 9 Mar'],
    [3, '2026-02-26', '2026-03-02', 'Fri 27, Sat 28 Feb worked, (Sun 1 Mar), Mon 2 Mar'],
    [10, '2026-04-28', '2026-05-14', '29, 30 Apr, (1–5 May off), 6, 7, 8, Sat 9 May worked, 11–14 May'],
    [15, '2026-09-18', '2026-10-15', 'Sun 20 Sep, 21–24, 28–30 Sep, 8, 9, Sat 10, 12–15 Oct'],
  ];
  it.each(rows)('%i working days from %s end %s (%s)', (days, start, last) => {
    expect(workingDaysDeadline(at10(start), days, calendar)).toEqual({ at: endOf(last), provisional: false });
  });

  it('counts the same period in both units differently across a holiday', () => {
    const fiveCalendar = periodDeadline(
      { ...STATUTORY_PERIODS.ARBITRATION_ACCEPTANCE, unit: 'CALENDAR_DAYS' },
      at10('2026-09-28'),
      calendar,
    );
    expect(fiveCalendar.at).toBe(endOf('2026-10-08'));
    expect(periodDeadline(STATUTORY_PERIODS.ARBITRATION_ACCEPTANCE, at10('2026-09-28'), calendar).at).toBe(
      endOf('2026-10-10'),
    );
  });
});

describe('years: the corresponding day (Civil Code art. 202)', () => {
  it('is the same month and day, or the last day of the month when there is none', () => {
    expect(addYears('2025-03-15', 1)).toBe('2026-03-15');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2025-12-31', 1)).toBe('2026-12-31');
  });

  const rows: [string, string, boolean, string][] = [
    ['2025-10-01', '2026-10-08', false, '1 Oct 2026 is National Day'],
    ['2025-02-14', '2026-02-14', false, 'Sat 14 Feb 2026 is a make-up working day'],
    ['2025-03-07', '2026-03-09', false, 'Sat 7 Mar 2026 → Mon 9 Mar'],
    ['2024-02-29', '2025-02-28', false, 'no 29 Feb in 2025: the last day of February'],
    ['2026-03-02', '2027-03-02', true, '2027 is not published yet: provisional'],
  ];
  it.each(rows)('one year from %s ends %s (provisional: %s; %s)', (start, last, provisional) => {
    expect(yearsDeadline(at10(start), 1, calendar)).toEqual({ at: endOf(last), provisional });
  });

  it('counts a start late in the Shanghai evening from that Shanghai date', () => {
    // 23:30 CST on 30 Sep 2025 is 15:30Z: still 30 Sep, so the year ends 30 Sep 2026, a Wednesday.
    expect(yearsDeadline('2025-09-30T15:30:00Z', 1, calendar).at).toBe(endOf('2026-09-30'));
  });
});

describe('overrides', () => {
  it('change a length by id and keep the unit and basis', () => {
    const periods = withOverrides({ ARBITRATION_ACCEPTANCE: 10, LIMITATION: 2 });
    expect(periods.ARBITRATION_ACCEPTANCE).toMatchObject({
      length: 10,
      unit: 'WORKING_DAYS',
      basis: 'LDMAL art. 29',
    });
    expect(periods.LIMITATION).toMatchObject({ length: 2, unit: 'YEARS' });
    expect(periods.MEDIATION).toBe(STATUTORY_PERIODS.MEDIATION);
  });
});
