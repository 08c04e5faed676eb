import type { CommandReceipt } from '../case/ports.ts';
import type { HolidayCalendar } from '../clocks/calendar.ts';
import type { Page } from '../shared/page.ts';
import type { Clock } from '../shared/ports.ts';
import type { DispositionReport } from './dispositions.ts';
import type { Level, Signal, Warning, WarningStatus } from './model.ts';
import type { RuleSet } from './rules.ts';

/** What the store keeps of one employer besides its signals and warnings: the open warning, the counter. */
export interface EmployerState {
  readonly creditCode: string;
  readonly openWarningId: string | null;
  /** Warnings raised at this employer so far: the next one's sequence is this plus one. */
  readonly warnings: number;
  readonly version: number;
}

export interface EmployerPartition {
  readonly state: EmployerState | null;
  readonly signals: readonly Signal[];
  readonly warnings: readonly Warning[];
}

/** The result of one evaluation to store at once: the employer's state and the warning it touched. */
export interface EvaluationWrite {
  /** The signal that caused the evaluation, stored in the same transaction (by its identity: idempotent). */
  readonly signal?: Signal;
  /** The callback's receipt (its `webhook-id`), in the same transaction. */
  readonly receipt?: CommandReceipt;
  readonly state: EmployerState;
  /** The state's version as read (0: none stored yet). */
  readonly expectedStateVersion: number;
  readonly warning: Warning | null;
  /** The warning's version as read (0: a new warning). */
  readonly expectedWarningVersion: number;
}

export interface WarningListQuery {
  readonly district?: string;
  readonly postId?: string;
  readonly level?: Level;
  readonly status?: WarningStatus;
  readonly limit: number;
  readonly cursor?: string;
}

/**
 * The warnings' storage, partitioned by credit code: the employer's signals, its state and its warnings in
 * one partition, read by key; open warnings listed by district and level, a post's by its key. No Scan.
 */
export interface WarningStore {
  /**
   * What an evaluation reads, in one Query of the employer's partition: its signals observed on or after
   * `since`, its state and its warnings.
   */
  employer(creditCode: string, since: string): Promise<EmployerPartition>;
  /** The employer's signals observed on or after `since` (YYYY-MM-DD). */
  signalsSince(creditCode: string, since: string): Promise<Signal[]>;
  state(creditCode: string): Promise<EmployerState | null>;
  get(warningId: string): Promise<Warning | null>;
  /** Writes state and warning in one transaction, each guarded by its version (VersionConflictError). */
  saveEvaluation(write: EvaluationWrite): Promise<void>;
  /**
   * Writes a warning a person acted on, guarded by its version, with the disposition reports to send
   * (the outbox: in the same transaction, each written once).
   */
  save(
    warning: Warning,
    expectedVersion: number,
    receipt?: CommandReceipt,
    reports?: readonly DispositionReport[],
  ): Promise<void>;
  list(query: WarningListQuery): Promise<Page<Warning>>;
}

export interface RuleStore {
  /** The current rule set, or null when none was loaded (the defaults apply). */
  current(): Promise<RuleSet | null>;
  version(version: number): Promise<RuleSet | null>;
  /** Stores a new version; VersionConflictError when another load took the number. */
  put(ruleSet: RuleSet): Promise<void>;
}

export interface District {
  readonly district: string;
  readonly postId: string;
  readonly name: string | null;
}

export interface DistrictStore {
  get(district: string): Promise<District | null>;
  put(district: District): Promise<void>;
}

/** Where dispositions and raised levels go: the handoff outbox to the source partners, the topic. */
export interface WarningNotifier {
  /** A warning dispatched or re-dispatched (SNS `ldm-<stage>-warnings`, no personal data). */
  dispatched(warning: Warning): Promise<void>;
  /** A disposition to report back to each source partner (a signed webhook through the handoff pipeline). */
  disposed(warning: Warning): Promise<void>;
}

export interface WarningDeps {
  readonly warnings: WarningStore;
  readonly rules: RuleStore;
  readonly districts: DistrictStore;
  readonly calendar: HolidayCalendar;
  readonly clock: Clock;
  readonly notifier: WarningNotifier;
}
