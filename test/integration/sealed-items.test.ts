import { createHash } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actOnCase } from '../../domain/case/act-on-case.ts';
import { fileCase } from '../../domain/case/file-case.ts';
import { deliverToPartner } from '../../domain/handoffs/deliver-to-partner.ts';
import { refOf } from '../../domain/handoffs/model.ts';
import type { Partner } from '../../domain/handoffs/ports.ts';
import { consultationItem } from '../../functions/adapters/dynamodb/consultation-repository.ts';
import { caseItem } from '../../functions/adapters/dynamodb/items.ts';
import {
  openFields,
  unsealCase,
  unsealConsultation,
  withSealed,
} from '../../functions/adapters/dynamodb/sealed-items.ts';
import { keys } from '../../functions/adapters/dynamodb/table-design.ts';
import { freshCasesTable } from '../support/dynamodb.ts';
import { appointLawyer, depsWith, intake, mediator, referredCase, residentId } from '../support/fixtures.ts';

let table: Awaited<ReturnType<typeof freshCasesTable>>;

beforeAll(async () => {
  table = await freshCasesTable();
});
afterAll(async () => {
  await table.drop();
});

const WORKER_ID = residentId();
const EMPLOYER_ID = residentId('11010519750101002');
const AGENT_ID = residentId('37020219800101001');
const CLEAR = [WORKER_ID, '13812345678', EMPLOYER_ID, AGENT_ID, '13900001111', '0532-88881234'];

/** An intake whose worker, Wang Fang, has WORKER_ID and `phone`. */
const withWorker = (phone: string) =>
  intake({ workers: [{ name: 'Wang Fang', idNumber: WORKER_ID, phone }] });

const rawItem = async (caseId: string) =>
  (await table.doc.send(new GetCommand({ TableName: table.tableName, Key: keys.case(caseId) }))).Item ?? {};

/** Every clear value, and its unkeyed SHA-256, absent from the item as the table (and so its stream) holds it. */
function expectNoClearValue(item: Record<string, unknown>) {
  const text = JSON.stringify(item);
  for (const value of CLEAR) {
    expect(text).not.toContain(value);
    expect(text).not.toContain(createHash('sha256').update(value).digest('hex'));
  }
}

describe('sealed ID numbers and phones in the cases table', () => {
  it('stores the masked form and the sealed value, never the clear one; a read needs no key', async () => {
    const deps = depsWith(table.repo);
    const c = await fileCase(
      deps,
      mediator,
      intake({
        workers: [{ name: 'Wang Fang', idNumber: WORKER_ID, phone: '13812345678' }],
        employer: { name: 'Li Gang', kind: 'NATURAL_PERSON', idNumber: EMPLOYER_ID },
      }),
    );
    const item = await rawItem(c.caseId);
    expectNoClearValue(item);
    expect(item.workers).toEqual([
      {
        name: 'Wang Fang',
        idNumber: '370***********1234'.replace('1234', WORKER_ID.slice(-4)),
        phone: '138****5678',
      },
    ]);
    expect(Object.keys((item.sealed as { fields: object }).fields).sort()).toEqual([
      'employer.idNumber',
      'workers[0].idNumber',
      'workers[0].phone',
    ]);
    const read = await table.repo.get(c.caseId);
    expect(read?.workers[0]?.phone).toBe('138****5678');
    expect(JSON.stringify(read)).not.toContain('sealed');
    expect(
      await openFields(read ?? c, ['workers[0].idNumber', 'employer.idNumber', 'workers[0].phone']),
    ).toEqual({
      'workers[0].idNumber': WORKER_ID,
      'employer.idNumber': EMPLOYER_ID,
      'workers[0].phone': '13812345678',
    });
  });

  it('keeps the sealed values an action did not change, and seals the ones it adds', async () => {
    const deps = depsWith(table.repo);
    const c = await fileCase(deps, mediator, withWorker('13812345678'));
    await appointLawyer(deps, c.caseId, { idNumber: AGENT_ID, phone: '13900001111' });
    const item = await rawItem(c.caseId);
    expectNoClearValue(item);
    const read = await table.repo.get(c.caseId);
    if (!read) throw new Error('case not read back');
    expect(
      await openFields(read, [
        'workers[0].idNumber',
        'workers[0].phone',
        'agents[0].idNumber',
        'agents[0].phone',
      ]),
    ).toEqual({
      'workers[0].idNumber': WORKER_ID,
      'workers[0].phone': '13812345678',
      'agents[0].idNumber': AGENT_ID,
      'agents[0].phone': '13900001111',
    });
    const unsealed = await unsealCase(read);
    expect(unsealed.workers[0]).toMatchObject({ idNumber: WORKER_ID, phone: '13812345678' });
    expect(unsealed.agents?.[0]).toMatchObject({ idNumber: AGENT_ID, phone: '13900001111' });
  });

  it('reads a case stored before sealing as it is, and seals it at its next write', async () => {
    const deps = depsWith(table.repo);
    const c = await fileCase(deps, mediator, withWorker('0532-88881234'));
    const sealedItem = await rawItem(c.caseId);
    // The item as a version before sealing wrote it: clear values, no sealed map.
    const legacy: Record<string, unknown> = {
      ...sealedItem,
      workers: [{ name: 'Wang Fang', idNumber: WORKER_ID, phone: '0532-88881234' }],
    };
    delete legacy.sealed;
    await table.doc.send(new PutCommand({ TableName: table.tableName, Item: legacy }));
    const read = await table.repo.get(c.caseId);
    if (!read) throw new Error('case not read back');
    expect(await openFields(read, ['workers[0].phone'])).toEqual({ 'workers[0].phone': '0532-88881234' });
    await actOnCase(deps, mediator, c.caseId, { action: 'ASSIGN_MEDIATOR', mediatorId: 'm-2' }, 1);
    expectNoClearValue(await rawItem(c.caseId));
    const after = await table.repo.get(c.caseId);
    expect(after?.workers[0]?.phone).toBe('0532-****1234');
    expect(await openFields(after ?? read, ['workers[0].phone'])).toEqual({
      'workers[0].phone': '0532-88881234',
    });
  });

  it('does not let a sealed value moved to another case open there', async () => {
    const deps = depsWith(table.repo);
    const a = await fileCase(deps, mediator, intake());
    const b = await fileCase(
      deps,
      mediator,
      intake({ workers: [{ name: 'Liu', idNumber: AGENT_ID, phone: '13900001111' }] }),
    );
    const itemA = await rawItem(a.caseId);
    const itemB = await rawItem(b.caseId);
    await table.doc.send(
      new PutCommand({ TableName: table.tableName, Item: { ...itemB, sealed: itemA.sealed } }),
    );
    const read = await table.repo.get(b.caseId);
    if (!read) throw new Error('case not read back');
    await expect(openFields(read, ['workers[0].idNumber'])).rejects.toThrow();
    // The item codec alone seals too (a tool writing a case item by hand).
    expectNoClearValue(
      await caseItem({ ...a, workers: [{ name: 'x', idNumber: WORKER_ID, phone: '13812345678' }] }),
    );
  });

  it('opens the parties for a partner whose package carries them, through the consumer unsealing only', async () => {
    const deps = depsWith(table.repo);
    const { caseId, handoff } = await referredCase(deps, withWorker('13812345678'));
    const bodies: string[] = [];
    const partner = {
      kind: 'ARBITRATION',
      id: 'qd-arbitration',
      name: 'x',
      endpoint: 'https://x',
    } as Partner;
    const channel = (unseal?: typeof unsealCase) => ({
      partners: { find: async () => partner },
      sender: {
        send: async (_p: Partner, _id: string, body: string) => {
          bodies.push(body);
          return { kind: 'rejected' as const, reason: 'test', attempts: 1 };
        },
      },
      ...(unseal ? { unseal } : {}),
    });
    await deliverToPartner(deps, { ...refOf(handoff), dispatch: handoff.dispatch }, channel());
    expect(bodies[0]).not.toContain(WORKER_ID);
    expect(JSON.parse(bodies[0] ?? '{}').parties.workers[0].idNumber).toMatch(/\*/);
    const opened: string[] = [];
    await deliverToPartner(
      deps,
      { ...refOf(handoff), dispatch: handoff.dispatch },
      channel(async (x) => {
        opened.push(x.caseId);
        return unsealCase(x);
      }),
    );
    expect(opened).toEqual([caseId]);
    expect(JSON.parse(bodies[1] ?? '{}').parties.workers[0]).toMatchObject({
      idNumber: WORKER_ID,
      phone: '13812345678',
    });
  });

  it('seals a consultation the same way, and opens it for the case opened from it', async () => {
    const consultation = {
      consultationId: '5c1d2e3f-4a5b-4c6d-8e7f-901234567890',
      worker: { name: 'Wang Fang', idNumber: WORKER_ID, phone: '13812345678' },
      employer: { name: 'Li Gang', kind: 'NATURAL_PERSON', idNumber: EMPLOYER_ID },
    } as unknown as Parameters<typeof consultationItem>[0];
    const item = await consultationItem(consultation);
    expectNoClearValue(item);
    expect(item.worker).toMatchObject({ idNumber: expect.stringContaining('*'), phone: '138****5678' });
    const read = withSealed({ ...item }, item.sealed) as unknown as typeof consultation;
    expect((await unsealConsultation(read)).worker).toMatchObject({
      idNumber: WORKER_ID,
      phone: '13812345678',
    });
    expect((await unsealConsultation(read)).employer?.idNumber).toBe(EMPLOYER_ID);
  });
});
