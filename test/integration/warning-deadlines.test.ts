import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type OverdueAudience,
  type OverdueWarning,
  sweepWarningDeadlines,
  type WarningDeadlineDeps,
} from '../../domain/warnings/deadlines.ts';
import { recordSignal } from '../../domain/warnings/ingest.ts';
import type { WarningDeps } from '../../domain/warnings/ports.ts';
import { actOnWarningById } from '../../domain/warnings/use-cases.ts';
import { DynamoWarningDeadlines } from '../../functions/adapters/dynamodb/warning-deadlines.ts';
import { freshCasesTable } from '../support/dynamodb.ts';
import { creditCode, mediator } from '../support/fixtures.ts';
import { WARNINGS_NOW as NOW, arrearsSignal as signal, warningDepsOn } from '../support/warning-stores.ts';

/**
 * The warnings' deadlines on DynamoDB Local: when the local clock passes a warning's deadline to
 * acknowledge (then to dispose), the sweep reminds the post and escalates to its supervisors once per
 * deadline, however often and however concurrently it runs; a failed publish is raised again next time.
 */

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

const later = (iso: string, ms = 1) => new Date(Date.parse(iso) + ms).toISOString();

beforeEach(async () => {
  table = await freshCasesTable();
  now = NOW;
  published = [];
  failing = false;
  deps = await warningDepsOn(table, () => now);
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
