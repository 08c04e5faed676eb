import {
  type CalendarYear,
  type CalendarYears,
  type HolidayCalendar,
  restDayIn,
} from '../../domain/clocks/calendar.ts';

/** How long a container trusts its copy of the admin-loaded years before reading them again. */
export const CALENDAR_TTL_MS = 5 * 60 * 1000;

/**
 * The holiday calendar in force: a year an admin loaded (`PUT /calendar/{year}`) wins over the package's
 * data for it; a year in neither answers null (deadlines in it are provisional). `isRestDay` stays
 * synchronous for the deadline arithmetic, so the admin-loaded years are read before use: `fresh()` reads
 * them all with one Query when the copy is missing or older than the TTL, and resolves at once otherwise.
 * A caller that keeps the calendar (a queue consumer builds its dependencies once, at cold start) is kept
 * current too: a stale `isRestDay` starts a read in the background. A load therefore reaches every
 * container within about the TTL. A failed read keeps what the container had (the package's data alone
 * before the first success) and is tried again on the next use; it does not fail the request, whose own
 * writes to the same table would fail if DynamoDB were really unreachable.
 */
export class LayeredHolidayCalendar implements HolidayCalendar {
  readonly #years: CalendarYears;
  readonly #published: HolidayCalendar;
  readonly #ttlMs: number;
  readonly #now: () => number;
  #stored = new Map<number, CalendarYear>();
  #loadedAt: number | undefined;
  #loading: Promise<void> | undefined;

  constructor(
    years: CalendarYears,
    published: HolidayCalendar,
    options: { readonly ttlMs?: number; readonly now?: () => number } = {},
  ) {
    this.#years = years;
    this.#published = published;
    this.#ttlMs = options.ttlMs ?? CALENDAR_TTL_MS;
    this.#now = options.now ?? Date.now;
  }

  /** The calendar, with the admin-loaded years read if the copy is missing or stale. */
  async fresh(): Promise<HolidayCalendar> {
    if (this.#stale()) await this.#refresh();
    return this;
  }

  isRestDay(date: string): boolean | null {
    if (this.#stale() && this.#loading === undefined) void this.#refresh();
    const stored = this.#stored.get(Number(date.slice(0, 4)));
    return stored ? restDayIn(stored, date) : this.#published.isRestDay(date);
  }

  #stale(): boolean {
    return this.#loadedAt === undefined || this.#now() - this.#loadedAt >= this.#ttlMs;
  }

  /** One read at a time per container; concurrent callers share it. Never rejects. */
  #refresh(): Promise<void> {
    this.#loading ??= this.#years
      .all()
      .then((years) => {
        this.#stored = new Map(years.map((y) => [y.year, y]));
        this.#loadedAt = this.#now();
      })
      .catch(() => {
        // Keep the copy we have; the next use tries again.
      })
      .finally(() => {
        this.#loading = undefined;
      });
    return this.#loading;
  }
}
