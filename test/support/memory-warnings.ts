import type { HolidayCalendar } from '../../domain/clocks/calendar.ts';
import { VersionConflictError } from '../../domain/shared/errors.ts';
import type { Page } from '../../domain/shared/page.ts';
import { creditCodeOfWarning } from '../../domain/warnings/ingest.ts';
import { isOpen, nextDue, type Signal, signalIdentity, type Warning } from '../../domain/warnings/model.ts';
import type {
  District,
  EmployerState,
  EvaluationWrite,
  WarningDeps,
  WarningListQuery,
  WarningStore,
} from '../../domain/warnings/ports.ts';
import type { RuleSet } from '../../domain/warnings/rules.ts';

/** The in-memory double of the warning store: the same contract as DynamoWarningStore, for unit tests. */
export class MemoryWarningStore implements WarningStore {
  readonly signals = new Map<string, Signal>();
  readonly states = new Map<string, EmployerState>();
  readonly warnings = new Map<string, Warning>();

  async signalsSince(creditCode: string, since: string): Promise<Signal[]> {
    return [...this.signals.values()]
      .filter((s) => s.creditCode === creditCode && s.observedOn >= since)
      .sort((a, b) =>
        `${a.observedOn}#${signalIdentity(a)}`.localeCompare(`${b.observedOn}#${signalIdentity(b)}`),
      );
  }
  async employer(creditCode: string, since: string) {
    return {
      state: this.states.get(creditCode) ?? null,
      signals: await this.signalsSince(creditCode, since),
      warnings: [...this.warnings.values()].filter((w) => w.creditCode === creditCode),
    };
  }
  async state(creditCode: string) {
    return this.states.get(creditCode) ?? null;
  }
  async get(warningId: string) {
    return this.warnings.get(warningId) ?? null;
  }
  async saveEvaluation(write: EvaluationWrite): Promise<void> {
    if ((this.states.get(write.state.creditCode)?.version ?? 0) !== write.expectedStateVersion) {
      throw new VersionConflictError(write.expectedStateVersion, undefined, false);
    }
    if (
      write.warning &&
      (this.warnings.get(write.warning.warningId)?.version ?? 0) !== write.expectedWarningVersion
    ) {
      throw new VersionConflictError(write.expectedWarningVersion, undefined, false);
    }
    this.states.set(write.state.creditCode, write.state);
    if (write.signal) {
      this.signals.set(
        `${write.signal.observedOn}#${signalIdentity(write.signal)}#${write.signal.creditCode}`,
        write.signal,
      );
    }
    if (write.warning) this.warnings.set(write.warning.warningId, write.warning);
  }
  async save(warning: Warning, expectedVersion: number): Promise<void> {
    if ((this.warnings.get(warning.warningId)?.version ?? 0) !== expectedVersion) {
      throw new VersionConflictError(expectedVersion, undefined, false);
    }
    this.warnings.set(warning.warningId, warning);
  }
  async list(query: WarningListQuery): Promise<Page<Warning>> {
    const items = [...this.warnings.values()]
      .filter((w) =>
        query.district ? isOpen(w) && w.district === query.district : w.postId === (query.postId ?? null),
      )
      .filter((w) => (query.level ? w.level === query.level : true))
      .filter((w) => (query.status ? w.status === query.status : true))
      .sort((a, b) => a.level - b.level || (nextDue(a) ?? '~').localeCompare(nextDue(b) ?? '~'));
    return { items: items.slice(0, query.limit), nextCursor: null };
  }
}

export const creditOf = creditCodeOfWarning;

/** Every day a working day but weekends: enough for deadlines in unit tests. */
export const WEEKDAYS: HolidayCalendar = {
  isRestDay: (date) => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay()),
};

export function memoryWarningDeps(now: () => string, districts: Record<string, string> = {}) {
  const store = new MemoryWarningStore();
  const versions = new Map<number, RuleSet>();
  const dispatched: Warning[] = [];
  const disposed: Warning[] = [];
  const districtRows = new Map<string, District>(
    Object.entries(districts).map(([district, postId]) => [district, { district, postId, name: null }]),
  );
  const deps: WarningDeps = {
    warnings: store,
    rules: {
      current: async () => (versions.size ? (versions.get(Math.max(...versions.keys())) ?? null) : null),
      version: async (v) => versions.get(v) ?? null,
      put: async (r) => {
        versions.set(r.version, r);
      },
    },
    districts: {
      get: async (d) => districtRows.get(d) ?? null,
      put: async (d) => {
        districtRows.set(d.district, d);
      },
    },
    calendar: WEEKDAYS,
    clock: { now },
    notifier: {
      dispatched: async (w) => {
        dispatched.push(w);
      },
      disposed: async (w) => {
        disposed.push(w);
      },
    },
  };
  return { deps, store, dispatched, disposed };
}
