import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CommandAlreadyDone } from '../../domain/case/ports.ts';
import { recordSignal } from '../../domain/warnings/ingest.ts';
import type { Signal } from '../../domain/warnings/model.ts';
import type { WarningDeps } from '../../domain/warnings/ports.ts';
import { DEFAULT_RULE_SET } from '../../domain/warnings/rules.ts';
import { actOnWarningById, listWarnings, loadRules } from '../../domain/warnings/use-cases.ts';
import { CursorCodec } from '../../functions/adapters/cursor.ts';
import { DynamoReceipts } from '../../functions/adapters/dynamodb/receipts.ts';
import { IDEMPOTENCY_TABLE } from '../../functions/adapters/dynamodb/table-design.ts';
import { DynamoWarningStore } from '../../functions/adapters/dynamodb/warning-repository.ts';
import { DynamoDistrictStore, DynamoRuleStore } from '../../functions/adapters/dynamodb/warning-rules.ts';
import { ensureTable } from '../../infra/local/provision.ts';
import { freshCasesTable } from '../support/dynamodb.ts';
import { admin, creditCode, mediator, outsider } from '../support/fixtures.ts';
import { memoryWarningDeps, WEEKDAYS } from '../support/memory-warnings.ts';

/**
 * One contract, two stores: the early warnings on DynamoDB Local and on the in-memory double. A signal
 * raises, updates and re-dispatches one warning per employer; concurrent signals for one employer end in
 * one warning with all their reasons; the callback's receipt is written with the evaluation, and a second
 * write under it is refused; lists by district (open only, by level) and by post; rule versions kept.
 */

const NOW = '2026-03-04T02:00:00.000Z';
const TODAY = '2026-03-04';

const signal = (code: string, over: Partial<Signal> = {}): Signal => ({
  creditCode: code,
  indicator: 'SOCIAL_INSURANCE_ARREARS',
  unit: 'MONTHS',
  value: 1,
  periodFrom: '2026-01-01',
  periodTo: TODAY,
  observedOn: TODAY,
  source: 'qd-hrss-bureau',
  reference: `ref-${randomUUID().slice(0, 8)}`,
  receivedAt: NOW,
  ...over,
});

interface Harness {
  readonly deps: WarningDeps;
  receipt?(id: string): Promise<unknown>;
  drop(): Promise<void>;
}

const makeMemory = async (): Promise<Harness> => ({
  deps: memoryWarningDeps(() => NOW, { '370202': 'QD-SN-01' }).deps,
  drop: async () => {},
});

const makeDynamo = async (): Promise<Harness> => {
  const table = await freshCasesTable();
  const receiptsTable = `receipts-${randomUUID()}`;
  await ensureTable(table.client, receiptsTable, IDEMPOTENCY_TABLE);
  const receipts = new DynamoReceipts(table.doc, receiptsTable);
  const districts = new DynamoDistrictStore(table.doc, table.tableName);
  await districts.put({ district: '370202', postId: 'QD-SN-01', name: '市南区' });
  const deps: WarningDeps = {
    warnings: new DynamoWarningStore(
      table.doc,
      table.tableName,
      new CursorCodec('test-cursor-secret-0123456789abcdef'),
      {
        receiptsTable,
      },
    ),
    rules: new DynamoRuleStore(table.doc, table.tableName),
    districts,
    calendar: WEEKDAYS,
    clock: { now: () => NOW },
    notifier: { dispatched: async () => {}, disposed: async () => {} },
  };
  return {
    deps,
    receipt: (id) => receipts.find(id),
    drop: async () => {
      const { DeleteTableCommand } = await import('@aws-sdk/client-dynamodb');
      await table.client.send(new DeleteTableCommand({ TableName: receiptsTable }));
      await table.drop();
    },
  };
};

describe.each([
  ['memory', makeMemory],
  ['DynamoDB Local', makeDynamo],
])('the warning store (%s)', (_name, make) => {
  let h: Harness;
  beforeEach(async () => {
    h = await make();
  });
  afterEach(async () => {
    await h.drop();
  });

  it('raises one warning per employer, updates it and re-dispatches it on a higher level', async () => {
    const code = creditCode('91370202MA3C4R2K1');
    const first = await recordSignal(h.deps, signal(code));
    expect(first.warning).toMatchObject({ warningId: `${code}-1`, level: 2, status: 'DISPATCHED' });
    const again = await recordSignal(
      h.deps,
      signal(code, { indicator: 'LAYOFF_REPORT', unit: 'WORKERS', value: 210 }),
    );
    expect(again.warning).toMatchObject({ warningId: `${code}-1`, level: 1, version: 2 });
    expect(await h.deps.warnings.get(`${code}-1`)).toMatchObject({ level: 1, status: 'DISPATCHED' });
    expect(await h.deps.warnings.get(`${code}-2`)).toBeNull();
    expect(await h.deps.warnings.signalsSince(code, '2026-01-01')).toHaveLength(2);
  });

  it('serialises concurrent signals for one employer into one warning with every reason', async () => {
    const code = creditCode('91370202MA3C4R2K2');
    await Promise.all([
      recordSignal(h.deps, signal(code, { value: 3 })),
      recordSignal(h.deps, signal(code, { indicator: 'HOTLINE_COMPLAINTS', unit: 'COMPLAINTS', value: 4 })),
      recordSignal(h.deps, signal(code, { indicator: 'TAX_ARREARS', unit: 'MONTHS', value: 2 })),
    ]);
    const w = await h.deps.warnings.get(`${code}-1`);
    expect(w?.fired.map((f) => f.ruleId).sort()).toEqual(
      ['HOTLINE-3', 'SI-ARREARS-1M', 'SI-ARREARS-ANY', 'SI-ARREARS-OVER-2M', 'TAX-ARREARS'].sort(),
    );
    expect(await h.deps.warnings.get(`${code}-2`)).toBeNull();
  });

  it('writes the receipt with the evaluation; a second write under it is refused', async () => {
    if (!h.receipt) return;
    const code = creditCode('91370202MA3C4R2K3');
    const id = `receipt-${randomUUID()}`;
    const receipt = () => ({
      id,
      fingerprint: 'f',
      result: '{}',
      expiresAt: Math.floor(Date.now() / 1000) + 60,
    });
    await recordSignal(h.deps, signal(code), { receipt });
    expect(await h.receipt(id)).toMatchObject({ id });
    await expect(recordSignal(h.deps, signal(code, { value: 5 }), { receipt })).rejects.toBeInstanceOf(
      CommandAlreadyDone,
    );
  });

  it('lists a district’s open warnings by level and a post’s by deadline; acts on one', async () => {
    const a = creditCode('91370202MA3C4R2K4');
    const b = creditCode('91370202MA3C4R2K5');
    await recordSignal(h.deps, signal(a));
    await recordSignal(h.deps, signal(b, { value: 3 }));
    const district = await listWarnings(h.deps, admin, { district: '370202' });
    expect(district.items.map((w) => w.creditCode)).toEqual([b, a]);
    const level2 = await listWarnings(h.deps, admin, { district: '370202', level: '2' });
    expect(level2.items.map((w) => w.creditCode)).toEqual([a]);
    expect((await listWarnings(h.deps, mediator, {})).items).toHaveLength(2);
    expect((await listWarnings(h.deps, outsider, {})).items).toHaveLength(0);
    await actOnWarningById(h.deps, mediator, `${a}-1`, { action: 'ACKNOWLEDGE' });
    const dispatched = await listWarnings(h.deps, mediator, { status: 'DISPATCHED' });
    expect(dispatched.items.map((w) => w.creditCode)).toEqual([b]);
  });

  it('keeps every rule version', async () => {
    const loaded = await loadRules(h.deps, admin, { rules: DEFAULT_RULE_SET.rules.slice(0, 3) });
    expect(loaded.version).toBe(2);
    expect((await h.deps.rules.current())?.version).toBe(2);
    expect((await h.deps.rules.version(2))?.rules).toHaveLength(3);
  });
});
