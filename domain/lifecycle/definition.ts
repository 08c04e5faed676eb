import type * as z from 'zod/mini';
import type { Case, CaseEventType, CaseStatus } from '../case/model.ts';
import type { HolidayCalendar } from '../clocks/calendar.ts';
import { startClock, withStatus } from '../clocks/clock.ts';
import { shanghaiDate } from '../clocks/legal-time.ts';
import type { CaseClock } from '../clocks/model.ts';
import type { PeriodId, StatutoryPeriods } from '../clocks/periods.ts';
import type { Actor, Role } from '../shared/actor.ts';
import type { DestinationKind } from '../shared/destinations.ts';
import type { MessageInput } from '../shared/errors.ts';
import { lazily } from '../shared/validation.ts';

/** What a guard or an apply may consult besides the case and the payload. */
export interface TransitionContext {
  readonly now: string;
  readonly actor: Actor;
  readonly periods: StatutoryPeriods;
  readonly calendar: HolidayCalendar;
  /** Mints stable ids for the handoffs an action requests. */
  readonly newHandoffId: () => string;
}

/** Why a guard refuses: a catalogue message (English text is looked up in the catalogue). */
export type Refusal = MessageInput;

/** The case fields an action may change besides status, version and timestamps. */
export type Patch = Partial<
  Omit<Case, 'caseId' | 'caseNumber' | 'status' | 'version' | 'createdAt' | 'updatedAt'>
>;

/** One (from → to) row of an action. Rows of one action are tried in order; the first whose guard passes wins. */
export interface Row<P> {
  /** The states the row applies in; empty for the action that opens a case. */
  readonly from: readonly CaseStatus[];
  readonly to: CaseStatus;
  /** A reason the row is refused for this case (a catalogue message, shared/messages.ts), or null. */
  readonly guard?: (c: Case, p: P, ctx: TransitionContext) => Refusal | null;
  /** The case fields the row changes; throws ValidationError on a payload that breaks a rule. */
  readonly apply?: (c: Case, p: P, ctx: TransitionContext) => Patch;
}

/** A handoff out of the post that an action requests (delivered by the outbox pipeline). */
export interface HandoffSpec {
  readonly kind: DestinationKind;
  readonly id: string;
  readonly purpose: string;
  /** The payload field naming the destination: an unknown post or partner is refused on it (422). */
  readonly field: string;
}

/**
 * A statutory period an action starts, when the case meets the condition, counted from the Shanghai date
 * `from` gives (a date the payload reports: the acceptance, the service of the award), or today.
 */
export interface ClockStart<P = never> {
  readonly period: PeriodId;
  readonly when?: (c: Case, p: P) => boolean;
  /** `ctx` counts a date that is itself the end of a period (a payment order's last day to pay). */
  readonly from?: (c: Case, p: P, ctx: Pick<TransitionContext, 'periods' | 'calendar'>) => string;
}

/**
 * One action of the lifecycle: everything about it in one entry. The API's action schema, the
 * allowed-actions hint, the README's diagram and table and the property tests are derived from these.
 */
export interface ActionDefinition<S extends z.ZodMiniType = z.ZodMiniType> {
  /** The fields the action takes besides `action` (strict: unknown fields are refused). */
  readonly payload: S;
  readonly roles: readonly Role[];
  readonly rows: readonly Row<z.output<S>>[];
  readonly handoff?: (c: Case, p: z.output<S>) => HandoffSpec;
  /** The events the action appends, in order (HANDOFF_REQUESTED only when it requests a handoff). */
  readonly emits: readonly CaseEventType[];
  /** The statutory periods the action starts and those it ends. */
  readonly clocks: {
    readonly starts: readonly ClockStart<z.output<S>>[];
    readonly stops: readonly PeriodId[];
  };
  /**
   * The partner callback event type that takes this action (`court.judgment`, …), for the actions a court or
   * arbitration institute reports; its decision is kept on the case. See callbacks/events.ts.
   */
  readonly callback?: string;
  /**
   * What the ACTION_APPLIED event records instead of the payload: what the row decided besides (the
   * limitation warning of a referral), or the payload without a person's name. Strings are still redacted.
   */
  readonly recorded?: (payload: z.output<S>, next: Case) => Record<string, unknown>;
  /**
   * The period whose expiry takes this (system) action, in the same write as the expiry, when a row allows
   * it for the case: a non-final award takes effect when the 15 days to sue run out (LDMAL art. 50).
   */
  readonly onExpiry?: PeriodId;
}

/** An action as the table writes it: the payload schema behind a function, built on first use. */
export type ActionEntry<S extends z.ZodMiniType> = Omit<ActionDefinition<S>, 'payload'> & {
  readonly payload: () => S;
};

/**
 * Keeps each entry's payload type for its rows, then erases it for the table. The payload schema is built
 * the first time it is read: a function parses one action's payload per request, and building all forty at
 * cold start cost every function that holds the table about 0.07× of a bare handler's module load.
 */
export const defineAction = <S extends z.ZodMiniType>(entry: ActionEntry<S>): ActionDefinition =>
  Object.defineProperty({ ...entry }, 'payload', {
    enumerable: true,
    get: lazily(entry.payload),
  }) as unknown as ActionDefinition;

/**
 * The case's clocks after an action (the table's `clocks`): the periods it stops end MET if still within
 * their time or paused (STOPPED otherwise); entering a terminal state stops every running or paused clock;
 * the periods it starts begin RUNNING (a running or paused clock of the same period is replaced, STOPPED).
 * `version` is the new version.
 */
export function clocksAfter(
  definition: ActionDefinition,
  current: Case,
  payload: unknown,
  terminal: boolean,
  version: number,
  ctx: Pick<TransitionContext, 'now' | 'periods' | 'calendar'>,
): CaseClock[] {
  const starts = definition.clocks.starts.filter((s) => s.when?.(current, payload as never) ?? true);
  const restarting = new Set(starts.map((s) => s.period));
  const stops = new Set<string>(definition.clocks.stops);
  const kept = (current.clocks ?? []).map((clock) => {
    if (clock.status === 'EXPIRED' && clock.handledVersion === undefined) {
      return terminal || stops.has(clock.clock)
        ? { ...clock, handledVersion: version, updatedVersion: version }
        : clock;
    }
    if (clock.status !== 'RUNNING' && clock.status !== 'PAUSED') return clock;
    if (terminal || restarting.has(clock.clock)) return withStatus(clock, 'STOPPED', version);
    // A paused clock is not running out: what ends it ends it in time.
    const inTime = clock.status === 'PAUSED' || ctx.now <= clock.dueAt;
    if (stops.has(clock.clock)) return withStatus(clock, inTime ? 'MET' : 'STOPPED', version);
    return clock;
  });
  if (terminal) return kept;
  const today = shanghaiDate(ctx.now);
  const started = starts.map((s) =>
    startClock(
      ctx.periods[s.period],
      s.from?.(current, payload as never, ctx) ?? today,
      version,
      ctx.calendar,
    ),
  );
  return [...kept, ...started];
}

export const NO_CLOCKS = { starts: [], stops: [] } as const;
