import { describe, expect, it, vi } from 'vitest';
import { fileCase } from '../../domain/case/file-case.ts';
import { listCases } from '../../domain/case/list-cases.ts';
import { maskedCase } from '../../domain/case/masked.ts';
import type { Case } from '../../domain/case/model.ts';
import { readCase } from '../../domain/case/read-case.ts';
import { readHistory } from '../../domain/case/read-history.ts';
import { parseReminderId, reminderIdOf } from '../../domain/reminders/model.ts';
import { ForbiddenError, UnknownReferenceError, ValidationError } from '../../domain/shared/errors.ts';
import {
  maskPhone,
  normalisePhone,
  normaliseResidentId,
  phoneProblem,
  redactPersonalData,
} from '../../domain/shared/identifiers.ts';
import { logger } from '../../functions/shared/observability.ts';
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
} from '../support/fixtures.ts';
import { MemoryCaseRepository } from '../support/memory-repository.ts';

const ID_X = residentId('11010519491231002'); // ends in X
const EMPLOYER_ID = residentId('37020219750615301');

const setup = (known: readonly string[] = [POST, OTHER_POST, 'QD-HQ']) => {
  const repo = new MemoryCaseRepository();
  const deps = depsWith(repo, undefined, {
    knows: async (d) => d.kind === 'UNION_POST' && known.includes(d.id),
  });
  return { repo, deps };
};

/** The issues of the ValidationError a filing is refused with. */
async function issuesOf(filing: Promise<unknown>) {
  const error = await filing.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).issues;
}

describe('phones as people type them', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['+8613812345678', '13812345678'],
    ['0086 138-1234-5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    [' 138 1234 5678 ', '13812345678'],
    ['0532-88881234', '0532-88881234'],
    ['0532-8888 1234', '0532-88881234'],
    ['(0532)88881234', '0532-88881234'],
    ['（0532）8888-1234', '0532-88881234'],
    ['053288881234', '0532-88881234'],
    ['010-6655 8899', '010-66558899'],
    ['+86 532 8888 1234', '0532-88881234'],
    ['+86 10 6655 8899', '010-66558899'],
    ['0532-88881234 转 801', '0532-88881234-801'],
    ['0532-8888 1234 ext. 801', '0532-88881234-801'],
    ['0532-88881234-801', '0532-88881234-801'],
  ])('reads %j as %j, a valid phone', (typed, stored) => {
    expect(normalisePhone(typed)).toBe(stored);
    expect(phoneProblem(normalisePhone(typed))).toBeNull();
  });

  it.each([
    '8888 1234', // a landline without its area code
    '23812345678',
    '1381234567',
    '0532-1888123', // a local number never starts with 1
    'call me',
    '+1 415 555 0100',
    '1'.repeat(5000), // too long to be a phone: refused without being read
  ])('refuses %s', (typed) => {
    expect(phoneProblem(normalisePhone(typed))).toMatch(/mobile .* or a landline with its area code/);
  });

  it('masks a stored phone: a mobile in the middle, a landline but its area code, last four and extension', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0532-88881234')).toBe('0532-****1234');
    expect(maskPhone('010-66558899-801')).toBe('010-****8899-801');
  });
});

describe('ID numbers as people type them', () => {
  it('upper-cases a lower-case check x and drops the spaces and dashes between groups', () => {
    expect(normaliseResidentId(ID_X.toLowerCase())).toBe(ID_X);
    expect(
      normaliseResidentId(`${ID_X.slice(0, 6)} ${ID_X.slice(6, 14)}-${ID_X.slice(14).toLowerCase()}`),
    ).toBe(ID_X);
  });
});

describe('filing with the inputs people type', () => {
  it('stores the normalised ID number and phones, and answers them masked', async () => {
    const { deps } = setup();
    const c = await fileCase(
      deps,
      mediator,
      intake({
        workers: [
          { name: '王芳', idNumber: ID_X.toLowerCase(), phone: '+86 138 1234 5678' },
          { name: '李强', idNumber: residentId('37020219880101123'), phone: '(0532)8888 1234 转 801' },
        ],
        employer: { name: '青岛港湾物流有限公司', creditCode: creditCode().toLowerCase() },
      }),
    );
    expect(c.workers.map((w) => [w.idNumber, w.phone])).toEqual([
      [ID_X, '13812345678'],
      [residentId('37020219880101123'), '0532-88881234-801'],
    ]);
    expect(c.employer).toEqual({
      name: '青岛港湾物流有限公司',
      kind: 'ORGANISATION',
      creditCode: creditCode(),
    });
    expect(maskedCase(c).workers.map((w) => w.phone)).toEqual(['138****5678', '0532-****1234-801']);
  });

  it('names the phone it cannot read', async () => {
    const { deps } = setup();
    const issues = await issuesOf(
      fileCase(
        deps,
        mediator,
        intake({ workers: [{ name: 'w', idNumber: residentId(), phone: '8888 1234' }] }),
      ),
    );
    expect(issues).toMatchObject([
      { field: 'workers[0].phone', message: expect.stringMatching(/area code/) },
    ]);
  });
});

describe('an employer without a credit code', () => {
  it('is a natural person known by name and ID number, masked in the answer and in the events', async () => {
    const { deps } = setup();
    const c = await fileCase(
      deps,
      mediator,
      intake({
        employer: {
          name: '张建国',
          idNumber: `${EMPLOYER_ID.slice(0, 17)}${EMPLOYER_ID.slice(17).toLowerCase()}`,
        },
      }),
    );
    expect(c.employer).toEqual({ name: '张建国', kind: 'NATURAL_PERSON', idNumber: EMPLOYER_ID });
    const shown = maskedCase(c);
    expect(shown.employer).toEqual({
      name: '张建国',
      kind: 'NATURAL_PERSON',
      idNumber: '370***********' + EMPLOYER_ID.slice(-4),
    });
    const history = await readHistory(deps, mediator, c.caseId, {});
    expect(JSON.stringify(history)).not.toContain(EMPLOYER_ID);
    expect(history.items[0]?.payload.employer).toEqual(shown.employer);
  });

  it('is a work team known by its head, when the filing says so', async () => {
    const { deps } = setup();
    const c = await fileCase(
      deps,
      mediator,
      intake({
        employer: { name: '刘志强施工队（包工头刘志强）', kind: 'WORK_TEAM', idNumber: EMPLOYER_ID },
      }),
    );
    expect(c.employer.kind).toBe('WORK_TEAM');
    expect(JSON.stringify(maskedCase(c))).not.toContain(EMPLOYER_ID);
  });

  it.each([
    [{ name: 'x' }, 'employer.creditCode', /required \(or idNumber/],
    [{ name: 'x', creditCode: creditCode(), idNumber: EMPLOYER_ID }, 'employer.idNumber', /not both/],
    [{ name: 'x', kind: 'WORK_TEAM' }, 'employer.idNumber', /required for a WORK_TEAM/],
    [
      { name: 'x', kind: 'NATURAL_PERSON', idNumber: EMPLOYER_ID, creditCode: creditCode() },
      'employer.creditCode',
      /no credit code/,
    ],
    [
      { name: 'x', kind: 'ORGANISATION', idNumber: EMPLOYER_ID },
      'employer.creditCode',
      /required for an ORGANISATION/,
    ],
    [
      { name: 'x', idNumber: `${EMPLOYER_ID.slice(0, 16)}00` },
      'employer.idNumber',
      /check digit|18 characters/,
    ],
  ])('refuses %j naming %s', async (employer, field, message) => {
    const { deps } = setup();
    const issues = await issuesOf(fileCase(deps, mediator, intake({ employer })));
    expect(issues).toContainEqual(
      expect.objectContaining({ field, message: expect.stringMatching(message) }),
    );
  });

  it("checks a person employer's birth date against today, as a worker's", async () => {
    const { deps } = setup();
    const future = '37020220300101123';
    const issues = await issuesOf(
      fileCase(deps, mediator, intake({ employer: { name: 'x', idNumber: residentId(future) } })),
    );
    expect(issues).toMatchObject([
      { field: 'employer.idNumber', message: expect.stringMatching(/birth date/) },
    ]);
  });

  it('leaves a case stored before employer kinds readable as it was, an organisation', async () => {
    const { repo, deps } = setup();
    const c = await fileCase(deps, mediator, intake());
    const stored = repo.cases.get(c.caseId) as Case;
    // As a case filed before this change was stored: the employer's name and credit code, no kind.
    repo.cases.set(c.caseId, {
      ...stored,
      employer: { name: stored.employer.name, creditCode: creditCode() },
    });
    const read = maskedCase(await readCase(deps, mediator, c.caseId));
    expect(read.employer).toEqual({
      name: stored.employer.name,
      kind: 'ORGANISATION',
      creditCode: creditCode(),
    });
  });
});

describe('personal data typed into free text, in the forms people type it', () => {
  it.each([
    ['+86 138 1234 5678', '138****5678'],
    ['+8613812345678', '138****5678'],
    ['138-1234-5678', '138****5678'],
    ['138 1234 5678', '138****5678'],
    ['tel13812345678.', 'tel138****5678.'],
    ['0532-8888 1234', '0532-****1234'],
    ['(0532)88881234', '0532-****1234'],
    ['（0532）8888-1234', '0532-****1234'],
    ['0532-88881234 转 801', '0532-****1234-801'],
    ['+86 532 8888 1234', '0532-****1234'],
    [`ID${ID_X}abc`, `ID110***********002Xabc`],
    [`身份证${ID_X.toLowerCase()}号`, `身份证110***********002X号`],
    [`${ID_X.slice(0, 6)} ${ID_X.slice(6, 14)} ${ID_X.slice(14)}`, '110***********002X'],
  ])('masks %j', (typed, masked) => {
    expect(redactPersonalData(`call ${typed} today`)).toBe(`call ${masked} today`);
  });

  it('leaves case numbers, dates, amounts and UUIDs as they are', () => {
    const text =
      'QD-SN-01-2026-000001 on 2026-03-02 08:00 for 12500000 fen; case 9f0ca138-1234-4567-8123-0532abcdef12';
    expect(redactPersonalData(text)).toBe(text);
  });

  it('masks them in log lines too', () => {
    const lines: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const level = logger.getLevelName();
    try {
      logger.setLogLevel('INFO');
      logger.info('a note', { text: `+86 138 1234 5678, 0532-8888 1234, ID${EMPLOYER_ID}` });
    } finally {
      logger.setLogLevel(level);
      spy.mockRestore();
    }
    const out = lines.join('');
    expect(out).toContain('138****5678');
    expect(out).toContain('0532-****1234');
    expect(out).not.toContain('1234 5678');
    expect(out).not.toContain('8888 1234');
    expect(out).not.toContain(EMPLOYER_ID);
  });
});

describe('finding a case by its number', () => {
  it("gives the caller's own post's case, and an empty page for another post's", async () => {
    const { deps } = setup();
    const c = await fileCase(deps, mediator, intake());
    const mine = await listCases(deps, mediator, { number: c.caseNumber });
    expect(mine).toEqual({
      items: [expect.objectContaining({ caseId: c.caseId, caseNumber: c.caseNumber })],
      nextCursor: null,
    });
    expect(await listCases(deps, outsider, { number: c.caseNumber })).toEqual({
      items: [],
      nextCursor: null,
    });
    expect(await listCases(deps, mediator, { number: `${POST}-2026-999999` })).toEqual({
      items: [],
      nextCursor: null,
    });
  });

  it('gives an admin the case at any post, or only at the post named', async () => {
    const { deps } = setup();
    const c = await fileCase(deps, mediator, intake());
    expect((await listCases(deps, admin, { number: c.caseNumber })).items.map((s) => s.caseId)).toEqual([
      c.caseId,
    ]);
    expect((await listCases(deps, admin, { number: c.caseNumber, postId: POST })).items).toHaveLength(1);
    expect((await listCases(deps, admin, { number: c.caseNumber, postId: OTHER_POST })).items).toEqual([]);
  });

  it('is not combined with the filters of a list, and a mediator names no other post', async () => {
    const { deps } = setup();
    await expect(
      listCases(deps, mediator, { number: `${POST}-2026-000001`, status: 'FILED' }),
    ).rejects.toMatchObject({
      issues: [{ field: 'status', message: 'cannot be combined with number' }],
    });
    await expect(
      listCases(deps, mediator, { number: `${POST}-2026-000001`, due: 'today' }),
    ).rejects.toMatchObject({
      issues: [{ field: 'due' }],
    });
    await expect(
      listCases(deps, mediator, { number: `${POST}-2026-000001`, postId: OTHER_POST }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('filing at a post the directory does not hold', () => {
  it('refuses a token whose post is not registered, naming postId', async () => {
    const { deps, repo } = setup();
    const stranger = { ...mediator, postId: 'QD-XX-99' };
    const error = await fileCase(deps, stranger, intake()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownReferenceError);
    expect(error).toMatchObject({
      issues: [{ field: 'postId', message: expect.stringContaining('QD-XX-99') }],
    });
    // Refused before a number was allocated: no counter for a post nobody runs.
    expect(repo.counters.size).toBe(0);
  });

  it('refuses an admin naming a post that does not exist', async () => {
    const { deps } = setup();
    await expect(fileCase(deps, admin, intake({ postId: 'QD-NOPE-01' }))).rejects.toMatchObject({
      issues: [{ field: 'postId', message: 'no union post QD-NOPE-01 is registered' }],
    });
    expect((await fileCase(deps, admin, intake({ postId: OTHER_POST }))).postId).toBe(OTHER_POST);
  });
});

describe('reminder ids', () => {
  const caseId = '3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
  it('travel in a URL path as they are', () => {
    const id = reminderIdOf(caseId, 'MEDIATION-1', 'DUE_TODAY');
    expect(encodeURIComponent(id)).toBe(id);
    expect(parseReminderId(id)).toEqual({ caseId, clockId: 'MEDIATION-1', stage: 'DUE_TODAY' });
  });

  it('are still read in the form raised before, with # separators, but not with the two mixed', () => {
    expect(parseReminderId(`${caseId}#MEDIATION-1#OVERDUE`)).toEqual({
      caseId,
      clockId: 'MEDIATION-1',
      stage: 'OVERDUE',
    });
    expect(parseReminderId(`${caseId}#MEDIATION-1~OVERDUE`)).toBeNull();
  });
});
