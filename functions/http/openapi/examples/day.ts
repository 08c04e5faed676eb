/**
 * The day the examples of the OpenAPI document tell: one realistic day at the Shinan district post
 * (QD-SN-01) in Qingdao. 王芳 and 李强 are owed wages by a logistics company; a mediator files the case, is
 * assigned, holds a session and records it. The ID numbers carry correct GB 11643 check digits and the
 * credit code a correct GB 32100 check character, so a request copied from the reference is accepted as it
 * is. Here: its people, its ids, the filing and the case as it is answered and recorded.
 */

/** One named example of a request body. */
export interface Example {
  readonly summary: string;
  readonly value: unknown;
}

export const example = (summary: string, value: unknown): Example => ({ summary, value });

export const EXAMPLE_CASE_ID = '3f6c2a9e-5b1d-4c7e-9a2f-1d8e4b6c0a75';
export const EXAMPLE_CASE_NUMBER = 'QD-SN-01-2026-000001';
export const EXAMPLE_HANDOFF_ID = '8b1e0f4c-2d7a-4e59-b3c6-5a9d7e2f1c08';
/** GB 11643: 370202 (Qingdao, Shinan), born 1990-03-07, sequence 124 (even: a woman), check digit 1. */
export const EXAMPLE_ID_NUMBER = '370202199003071241';
/** GB 11643: 370203 (Qingdao, Shibei), born 1988-06-15, sequence 203 (odd: a man), check digit 9. */
export const SECOND_ID_NUMBER = '370203198806152039';
/** GB 11643: 370212 (Qingdao, Laoshan), born 1995-02-20, sequence 561 (odd: a man), check digit 4. */
export const THIRD_ID_NUMBER = '370212199502205614';
/** GB 11643: 370281 (Jiaozhou), born 1975-11-08, sequence 433 (odd: a man), the work team's head. */
export const CONTRACTOR_ID_NUMBER = '370281197511084336';
/** GB 32100: 91 (a company), 370202 (Shinan), organisation code MA3C4K1T0, check character 9. */
export const EXAMPLE_CREDIT_CODE = '91370202MA3C4K1T09';

export const MEDIATOR = 'liu.yang@QD-SN-01';
export const EMPLOYER = '青岛港湾物流有限公司';
export const WAGES = {
  category: 'WAGE_ARREARS',
  amountFen: 1_250_000,
  description: '2025年8月至10月工资未发，共计12500元',
};
export const SUMMARY = '王芳自2025年8月起未领到工资，要求公司支付拖欠的三个月工资。';

export const FILING = {
  origin: 'WALK_IN',
  workers: [{ name: '王芳', idNumber: EXAMPLE_ID_NUMBER, phone: '13812345678' }],
  employer: { name: EMPLOYER, creditCode: EXAMPLE_CREDIT_CODE, industry: 'G' },
  claims: [WAGES],
  summary: SUMMARY,
};

const CLOCK = {
  clockId: 'MEDIATION-1',
  clock: 'MEDIATION',
  basis: 'LDMAL art. 14',
  unit: 'CALENDAR_DAYS',
  startedOn: '2026-03-02',
  dueOn: '2026-03-17',
  dueAt: '2026-03-17T15:59:59.999Z',
  status: 'RUNNING',
  provisional: false,
  reminders: [
    { stage: 'DUE_IN_3_WORKING_DAYS', on: '2026-03-12' },
    { stage: 'DUE_IN_1_WORKING_DAY', on: '2026-03-16' },
    { stage: 'DUE_TODAY', on: '2026-03-17' },
    { stage: 'OVERDUE', on: '2026-03-18' },
  ],
  updatedVersion: 1,
};

/** The case as `POST /cases` answers it: ID and mobile numbers masked. */
export const FILED_CASE = {
  caseId: EXAMPLE_CASE_ID,
  caseNumber: EXAMPLE_CASE_NUMBER,
  postId: 'QD-SN-01',
  origin: 'WALK_IN',
  workers: [{ name: '王芳', idNumber: '370***********1241', phone: '138****5678' }],
  employer: { name: EMPLOYER, kind: 'ORGANISATION', creditCode: EXAMPLE_CREDIT_CODE, industry: 'G' },
  claims: [WAGES],
  claimedFen: 1_250_000,
  summary: SUMMARY,
  newEmploymentForm: false,
  platform: null,
  collective: false,
  status: 'FILED',
  version: 1,
  createdAt: '2026-03-02T02:00:00.000Z',
  updatedAt: '2026-03-02T02:00:00.000Z',
  receivedOn: '2026-03-02',
  knewOn: null,
  employmentEndedOn: null,
  clocks: [CLOCK],
  mediationDueAt: '2026-03-17T15:59:59.999Z',
  mediationDueAtProvisional: false,
  mediatorId: null,
  sessionsHeld: 0,
  lastSessionAt: null,
  agreement: null,
  lastHandoff: null,
  formerPosts: [],
  outcome: null,
  source: null,
  decisions: [],
  award: null,
};

/** The same case the next day: a mediator assigned and one session on record. */
export const MEDIATING_CASE = {
  ...FILED_CASE,
  status: 'MEDIATING',
  version: 3,
  updatedAt: '2026-03-03T02:00:00.000Z',
  mediatorId: MEDIATOR,
  sessionsHeld: 1,
  lastSessionAt: '2026-03-03T01:30:00.000Z',
};

const ACTOR = { sub: MEDIATOR, role: 'mediator', postId: 'QD-SN-01' };

export const HISTORY = [
  {
    caseId: EXAMPLE_CASE_ID,
    version: 1,
    seq: 0,
    type: 'CASE_FILED',
    action: 'FILE',
    actor: ACTOR,
    at: '2026-03-02T02:00:00.000Z',
    from: null,
    to: 'FILED',
    payload: {
      caseNumber: EXAMPLE_CASE_NUMBER,
      postId: 'QD-SN-01',
      origin: 'WALK_IN',
      workerCount: 1,
      collective: false,
      employer: { name: EMPLOYER, kind: 'ORGANISATION', creditCode: EXAMPLE_CREDIT_CODE },
      claims: [WAGES],
      platform: null,
      receivedOn: '2026-03-02',
    },
  },
  {
    caseId: EXAMPLE_CASE_ID,
    version: 2,
    seq: 0,
    type: 'ACTION_APPLIED',
    action: 'ASSIGN_MEDIATOR',
    actor: ACTOR,
    at: '2026-03-02T02:05:00.000Z',
    from: 'FILED',
    to: 'MEDIATING',
    payload: { mediatorId: MEDIATOR },
  },
  {
    caseId: EXAMPLE_CASE_ID,
    version: 3,
    seq: 0,
    type: 'ACTION_APPLIED',
    action: 'RECORD_SESSION',
    actor: ACTOR,
    at: '2026-03-03T02:00:00.000Z',
    from: 'MEDIATING',
    to: 'MEDIATING',
    payload: { heldAt: '2026-03-03T09:30:00+08:00', notes: '双方到场，公司同意分两期支付拖欠工资。' },
  },
];
