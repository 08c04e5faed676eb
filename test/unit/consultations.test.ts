import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { maskedConsultation } from '../../domain/consultations/masked.ts';
import type { Consultation } from '../../domain/consultations/model.ts';
import { openCaseFromConsultation } from '../../domain/consultations/open-case.ts';
import type { ConsultationDeps } from '../../domain/consultations/ports.ts';
import {
  listConsultations,
  readConsultation,
  recordConsultation,
} from '../../domain/consultations/use-cases.ts';
import {
  ForbiddenError,
  IllegalTransitionError,
  NotFoundError,
  UnknownReferenceError,
  ValidationError,
} from '../../domain/shared/errors.ts';
import {
  admin,
  creditCode,
  depsWith,
  intake,
  mediator,
  OTHER_POST,
  outsider,
  POST,
  residentId,
  testClock,
} from '../support/fixtures.ts';
import { MemoryConsultationRepository } from '../support/memory-consultations.ts';
import { MemoryCaseRepository } from '../support/memory-repository.ts';

const ID = residentId('11010519491231002');
const PHONE = '13912345678';

function consultation(overrides: Record<string, unknown> = {}) {
  return {
    channel: 'WALK_IN',
    categories: ['WAGE_ARREARS'],
    newEmploymentForm: false,
    worker: { name: 'Wang Fang', idNumber: ID, phone: PHONE },
    employer: { name: 'Qingdao Harbour Logistics Co.', creditCode: creditCode() },
    advice: 'Mediation first; the limitation is a year from when she knew.',
    ...overrides,
  };
}

function setup(clock = testClock(), known: (id: string) => boolean = () => true) {
  const store = new MemoryCaseRepository();
  const consultations = new MemoryConsultationRepository(store);
  const caseDeps = depsWith(store, clock, { knows: async (d) => known(d.id) });
  const deps: ConsultationDeps & typeof caseDeps = {
    ...caseDeps,
    consultations,
    ids: { ...caseDeps.ids, consultationId: () => randomUUID() },
  };
  return { store, consultations, deps, clock };
}

const fieldsOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).issues.map((i) => i.field);
};

describe('recording a consultation', () => {
  it('stores it at the caller’s post, advised, at now, on its Shanghai date', async () => {
    // 17:30 UTC on 1 March is 01:30 on 2 March in Shanghai: the figures count it on the 2nd.
    const { deps, consultations } = setup(testClock('2026-03-01T17:30:00.000Z'));
    const c = await recordConsultation(deps, mediator, consultation());
    expect(c).toMatchObject({
      postId: POST,
      channel: 'WALK_IN',
      categories: ['WAGE_ARREARS'],
      newEmploymentForm: false,
      outcome: 'ADVISED',
      referredTo: null,
      caseId: null,
      consultedAt: '2026-03-01T17:30:00.000Z',
      consultedOn: '2026-03-02',
      recordedBy: mediator.sub,
      version: 1,
      employer: { kind: 'ORGANISATION' },
    });
    expect(await consultations.get(c.consultationId)).toEqual(c);
  });

  it('takes an anonymous call referred elsewhere, with the platform of a new form of employment', async () => {
    const { deps } = setup();
    const c = await recordConsultation(
      deps,
      mediator,
      consultation({
        channel: 'HOTLINE_12351',
        worker: undefined,
        employer: undefined,
        newEmploymentForm: true,
        platform: 'a delivery platform',
        outcome: 'REFERRED_ELSEWHERE',
        referredTo: 'the labour inspectorate',
        consultedAt: '2026-03-02T08:00:00+08:00',
      }),
    );
    expect(c).toMatchObject({
      worker: null,
      employer: null,
      platform: 'a delivery platform',
      outcome: 'REFERRED_ELSEWHERE',
      referredTo: 'the labour inspectorate',
      consultedAt: '2026-03-02T00:00:00.000Z',
      consultedOn: '2026-03-02',
    });
  });

  it('refuses bad input with a 400 naming each field', async () => {
    const { deps } = setup();
    const record = (overrides: Record<string, unknown>) =>
      fieldsOf(recordConsultation(deps, mediator, consultation(overrides)));
    expect(await record({ channel: 'FAX' })).toEqual(['channel']);
    expect(await record({ categories: [] })).toEqual(['categories']);
    expect(await record({ categories: ['OVERTIME', 'OVERTIME'] })).toEqual(['categories']);
    expect(await record({ newEmploymentForm: undefined })).toEqual(['newEmploymentForm']);
    expect(await record({ advice: ' ' })).toEqual(['advice']);
    expect(await record({ outcome: 'CASE_OPENED' })).toEqual(['outcome']);
    expect(await record({ outcome: 'REFERRED_ELSEWHERE' })).toEqual(['referredTo']);
    expect(await record({ referredTo: 'the court' })).toEqual(['referredTo']);
    expect(await record({ platform: 'a platform' })).toEqual(['platform']);
    expect(await record({ worker: { name: 'W', idNumber: '110105194912310021' } })).toEqual([
      'worker.idNumber',
    ]);
    expect(await record({ employer: { name: 'E' } })).toEqual(['employer.creditCode']);
    expect(await record({ consultedAt: '2026-03-02T03:00:00.000Z' })).toEqual(['consultedAt']);
    expect(await record({ consultedAt: '2025-01-01T00:00:00.000Z' })).toEqual(['consultedAt']);
    expect(await record({ unexpected: 1 })).toEqual(['unexpected']);
  });

  it('records at the caller’s post only, unless an admin names a registered one', async () => {
    const { deps } = setup(testClock(), (id) => id !== 'QD-XX-99');
    await expect(recordConsultation(deps, mediator, consultation({ postId: OTHER_POST }))).rejects.toThrow(
      ForbiddenError,
    );
    const there = await recordConsultation(deps, admin, consultation({ postId: OTHER_POST }));
    expect(there.postId).toBe(OTHER_POST);
    await expect(recordConsultation(deps, admin, consultation({ postId: 'QD-XX-99' }))).rejects.toThrow(
      UnknownReferenceError,
    );
  });
});

describe('a consultation as a reader sees it', () => {
  it('masks ID and phone numbers in the worker, a person employer and every free text', async () => {
    const { deps } = setup();
    const typed = `call ${PHONE} or see ID ${ID}`;
    const c = await recordConsultation(
      deps,
      mediator,
      consultation({
        worker: { name: typed, idNumber: ID, phone: PHONE },
        employer: { name: typed, kind: 'NATURAL_PERSON', idNumber: ID },
        advice: typed,
        outcome: 'REFERRED_ELSEWHERE',
        referredTo: typed,
        newEmploymentForm: true,
        platform: typed,
      }),
    );
    const shown = maskedConsultation(c);
    expect(JSON.stringify(shown)).not.toContain(ID);
    expect(JSON.stringify(shown)).not.toContain(PHONE);
    expect(shown.worker).toEqual({
      name: 'call 139****5678 or see ID 110***********002X',
      idNumber: '110***********002X',
      phone: '139****5678',
    });
    expect(shown.employer?.idNumber).toBe('110***********002X');
    expect(shown.advice).toBe('call 139****5678 or see ID 110***********002X');
    expect(shown).toMatchObject({ consultationId: c.consultationId, channel: 'WALK_IN', postId: POST });
  });
});

describe('reading and listing consultations', () => {
  it('lists the post’s newest first by when they took place, a page at a time, never another post’s', async () => {
    const { deps } = setup();
    const at = (hour: number) => `2026-02-2${hour % 2}T0${hour}:00:00.000Z`;
    const recorded: Consultation[] = [];
    for (const hour of [1, 4, 2, 3]) {
      recorded.push(await recordConsultation(deps, mediator, consultation({ consultedAt: at(hour) })));
    }
    await recordConsultation(deps, outsider, consultation());
    const first = await listConsultations(deps, mediator, { limit: 3 });
    const second = await listConsultations(deps, mediator, { limit: 3, cursor: first.nextCursor ?? '' });
    const order = [...first.items, ...second.items].map((c) => c.consultedAt);
    expect(order).toEqual([...recorded.map((c) => c.consultedAt)].sort().reverse());
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].every((c) => c.postId === POST)).toBe(true);
    await expect(listConsultations(deps, mediator, { postId: OTHER_POST })).rejects.toThrow(ForbiddenError);
    expect((await listConsultations(deps, admin, { postId: OTHER_POST })).items).toHaveLength(1);
    await expect(listConsultations(deps, mediator, { limit: 101 })).rejects.toThrow(ValidationError);
  });

  it('shows a consultation to its post and admins; to another post it does not exist', async () => {
    const { deps } = setup();
    const c = await recordConsultation(deps, mediator, consultation());
    expect(await readConsultation(deps, mediator, c.consultationId)).toEqual(c);
    expect(await readConsultation(deps, admin, c.consultationId)).toEqual(c);
    await expect(readConsultation(deps, outsider, c.consultationId)).rejects.toThrow(NotFoundError);
    await expect(readConsultation(deps, mediator, randomUUID())).rejects.toThrow(NotFoundError);
  });
});

const filing = { claims: intake().claims, summary: 'Wages unpaid since August.' };

describe('opening a case from a consultation', () => {
  it('files the case prefilled, links both ways and records the link in the filing event', async () => {
    const { deps, store, consultations } = setup();
    const c = await recordConsultation(deps, mediator, consultation());
    const filed = await openCaseFromConsultation(deps, mediator, c.consultationId, filing);
    expect(filed).toMatchObject({
      status: 'FILED',
      postId: POST,
      origin: 'WALK_IN',
      consultationId: c.consultationId,
      workers: [{ name: 'Wang Fang', idNumber: ID, phone: PHONE }],
      employer: { name: 'Qingdao Harbour Logistics Co.', kind: 'ORGANISATION' },
    });
    expect(await store.get(filed.caseId)).toEqual(filed);
    expect(await consultations.get(c.consultationId)).toMatchObject({
      outcome: 'CASE_OPENED',
      caseId: filed.caseId,
      version: 2,
    });
    expect(store.events.get(filed.caseId)?.[0]?.payload).toMatchObject({ consultationId: c.consultationId });
  });

  it('takes the body’s fields over the consultation’s and asks for what neither gives', async () => {
    const { deps } = setup();
    const phoned = await recordConsultation(
      deps,
      mediator,
      consultation({ channel: 'PHONE', worker: { name: 'Li Qiang' } }),
    );
    // A phone call is no origin, and the worker gave no ID or phone number: the filing names them.
    expect(await fieldsOf(openCaseFromConsultation(deps, mediator, phoned.consultationId, filing))).toEqual(
      expect.arrayContaining(['origin', 'workers[0].idNumber', 'workers[0].phone']),
    );
    expect(await fieldsOf(openCaseFromConsultation(deps, mediator, phoned.consultationId, {}))).toEqual(
      expect.arrayContaining(['claims', 'summary']),
    );
    const workers = [{ name: 'Li Qiang', idNumber: residentId(), phone: '13869881234' }];
    const filed = await openCaseFromConsultation(deps, mediator, phoned.consultationId, {
      ...filing,
      origin: 'ONLINE',
      workers,
    });
    expect(filed).toMatchObject({ origin: 'ONLINE', workers, consultationId: phoned.consultationId });
  });

  it('leaves the consultation as it was when the filing is refused', async () => {
    const { deps, consultations, store } = setup();
    const c = await recordConsultation(deps, mediator, consultation());
    await expect(
      openCaseFromConsultation(deps, mediator, c.consultationId, { ...filing, postId: OTHER_POST }),
    ).rejects.toThrow(ValidationError);
    await expect(
      openCaseFromConsultation(deps, mediator, c.consultationId, { summary: 'x' }),
    ).rejects.toThrow(ValidationError);
    expect(await consultations.get(c.consultationId)).toEqual(c);
    expect(store.cases.size).toBe(0);
  });

  it('refuses a body that is no filing before reading anything, however deep', async () => {
    const { deps } = setup();
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 5000; i++) deep = { a: deep };
    // Unknown consultation id: still a 400 on the body's fields, not a 404 (or a stack overflow).
    expect(await fieldsOf(openCaseFromConsultation(deps, mediator, randomUUID(), deep))).toEqual(['a']);
    expect(await fieldsOf(openCaseFromConsultation(deps, mediator, randomUUID(), { claims: 'x' }))).toEqual([
      'claims',
    ]);
  });

  it('opens one case only: again, or two at once, is a 409 naming the case', async () => {
    const { deps, store } = setup();
    const c = await recordConsultation(deps, mediator, consultation());
    const both = await Promise.allSettled([
      openCaseFromConsultation(deps, mediator, c.consultationId, filing),
      openCaseFromConsultation(deps, mediator, c.consultationId, filing),
    ]);
    const opened = both.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const refused = both.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    expect(opened).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toBeInstanceOf(IllegalTransitionError);
    expect((refused[0] as IllegalTransitionError).details).toMatchObject({ caseId: opened[0]?.caseId });
    expect(store.cases.size).toBe(1);
    await expect(openCaseFromConsultation(deps, mediator, c.consultationId, filing)).rejects.toThrow(
      /already opened case/,
    );
  });

  it('stores the command’s receipt with the linked case, and another post cannot open it', async () => {
    const { deps, store } = setup();
    const c = await recordConsultation(deps, mediator, consultation());
    await expect(openCaseFromConsultation(deps, outsider, c.consultationId, filing)).rejects.toThrow(
      NotFoundError,
    );
    const filed = await openCaseFromConsultation(deps, mediator, c.consultationId, filing, {
      receipt: (next) => ({ id: 'r-1', fingerprint: 'f', result: JSON.stringify(next), expiresAt: 2e9 }),
    });
    expect(JSON.parse(store.receipts.get('r-1')?.result ?? '{}')).toMatchObject({
      caseId: filed.caseId,
      consultationId: c.consultationId,
    });
  });
});
