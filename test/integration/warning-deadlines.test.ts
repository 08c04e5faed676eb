import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type OverdueAudience,
  type OverdueWarning,
  sweepWarningDeadlines,
  type WarningDeadlineDeps,
} from '../../domain/warnings/deadlines.ts';
import { recordSignal } from '../../domain/warnings/ingest.ts';
import type { Signal } from '../../domain/warnings/model.ts';
import type { WarningDeps } from '../../domain/warnings/ports.ts';
import { actOnWarningById } from '../../domain/warnings/use-cases.ts';
import { CursorCodec } from '../../functions/adapters/cursor.ts';
import { DynamoWarningDeadlines } from '../../functions/adapters/dynamodb/warning-deadlines.ts';
import { DynamoWarningStore } from '../../functions/adapters/dynamodb/warning-repository.ts';
import { DynamoDistrictStore, DynamoRuleStore } from '../../functions/adapters/dynamodb/warning-rules.ts';
import { freshCasesTable } from '../support/dynamodb.ts';
import { creditCode, mediator } from '../support/fixtures.ts';
import { WEEKDAYS } from '../support/memory-warnings.ts';

/**
 * The warnings' deadlines on DynamoDB Local: when the local clock passes a warning's deadline to
 * acknowledge (then to dispose), the sweep reminds the post and escalates to its supervisors once per
 * deadline, however often and however concurrently it runs; a failed publish is raised again next time.
 */

const NOW = '2026-03-04T02:00:00.000Z';
type Table = Awaited<ReturnType<typeof freshCasesTable>>;
let table: Table;
let now = NOW;
let deps: WarningDeps;
let published: { overdue: OverdueWarning; audience: OverdueAudience }[];
let failing = false;

const sweepDeps = (): WarningDeadlineDeps => ({
  deadlines: new DynamoWarningDeadlines(table.doc, table.tableName),
  publisher: {
    publish: async (overdue, audience) => {
      if (failing) throw new Error('topic unavailable');
      published.push({ overdue, audience });
    },
  },
  clock: { now: () => now },
});

const signal = (code: string): Signal => ({
  creditCode: code,
  indicator: 'SOCIAL_INSURANCE_ARREARS',
  unit: 'MONTHS',
  value: 1,
  periodFrom: '2026-01-01',
  periodTo: '2026-03-04',
  observedOn: '2026-03-04',
  source: 'qd-hrss-bureau',
  reference: `ref-${code}`,
  district: '370202',
  receivedAt: NOW,
});

const later = (iso: string, ms = 1) => new Date(Date.parse(iso) + ms).toISOString();

beforeEach(async () => {
  table = await freshCasesTable();
  now = NOW;
  published = [];
  failing = false;
  const districts = new DynamoDistrictStore(table.doc, table.tableName);
  await districts.put({ district: '370202', postId: mediator.postId ?? '', name: '市南区' });
  deps = {
    warnings: new DynamoWarningStore(
      table.doc,
      table.tableName,
      new CursorCodec('test-cursor-secret-0123456789abcdef'),
    ),
    rules: new DynamoRuleStore(table.doc, table.tableName),
    districts,
    calendar: WEEKDAYS,
    clock: { now: () => now },
    notifier: { dispatched: async () => {}, disposed: async () => {} },
  };
});
afterEach(async () => {
  await table.drop();
});

describe('the warnings deadline sweep (DynamoDB Local)', () => {
  it('reminds the post and escalates once when the deadline to acknowledge passes, then the one to dispose', async () => {
    const code = creditCode('91370202MA3C4D1K1');
    const { warning } = await recordSignal(deps, signal(code));
    const due = warning?.acknowledgeBy ?? '';
    expect(due > NOW).toBe(true);

    expect((await sweepWarningDeadlines(sweepDeps(), due)).raised).toEqual([]);
    expect(published).toEqual([]);

    now = later(due, 60_000);
    const [a, b] = await Promise.all([
      sweepWarningDeadlines(sweepDeps()),
      sweepWarningDeadlines(sweepDeps()),
    ]);
    expect([...(a?.raised ?? []), ...(b?.raised ?? [])]).toEqual([
      { warningId: `${code}-1`, deadline: 'ACKNOWLEDGE', dueAt: due },
    ]);
    expect(published.map((p) => [p.audience, p.overdue.warning.postId, p.overdue.deadline])).toEqual([
      ['POST', mediator.postId, 'ACKNOWLEDGE'],
      ['SUPERVISORS', mediator.postId, 'ACKNOWLEDGE'],
    ]);
    expect((await sweepWarningDeadlines(sweepDeps())).raised).toEqual([]);

    // Acknowledged late: the next deadline is to dispose of it, escalated once when it passes.
    const acked = await actOnWarningById(deps, mediator, `${code}-1`, { action: 'ACKNOWLEDGE' });
    const disposeBy = (acked as { disposeBy: string | null }).disposeBy ?? '';
    expect((await sweepWarningDeadlines(sweepDeps())).raised).toEqual([]);
    now = later(disposeBy);
    expect((await sweepWarningDeadlines(sweepDeps())).raised).toEqual([
      { warningId: `${code}-1`, deadline: 'DISPOSE', dueAt: disposeBy },
    ]);
    expect(published).toHaveLength(4);
  });

  it('raises a deadline again when its publish failed', async () => {
    const code = creditCode('91370202MA3C4D1K2');
    const { warning } = await recordSignal(deps, signal(code));
    now = later(warning?.acknowledgeBy ?? '');
    failing = true;
    const failed = await sweepWarningDeadlines(sweepDeps());
    expect(failed).toMatchObject({ raised: [], failures: 1 });
    failing = false;
    expect((await sweepWarningDeadlines(sweepDeps())).raised).toHaveLength(1);
    expect(published.map((p) => p.audience)).toEqual(['POST', 'SUPERVISORS']);
  });
});
