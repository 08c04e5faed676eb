import { reminderIdOf } from '../../../domain/reminders/model.ts';
import { type Language, message, render } from '../../../domain/shared/messages.ts';
import type { ErrorStatus } from './route-doc.ts';

/**
 * The examples of the OpenAPI document: one realistic day at the Shinan district post (QD-SN-01) in
 * Qingdao. 王芳 and 李强 are owed wages by a logistics company; a mediator files the case, is assigned,
 * holds a session and records it. The ID numbers carry correct GB 11643 check digits and the credit code
 * a correct GB 32100 check character, so a request copied from the reference is accepted as it is.
 *
 * Every request body here parses with the schema its handler validates with, and every answer with the
 * documented answer schema (test/unit/openapi.test.ts): an example cannot rot unnoticed.
 */

/** One named example of a request body. */
export interface Example {
  readonly summary: string;
  readonly value: unknown;
}

/** A route's examples, keyed in ROUTE_EXAMPLES like ROUTE_DOCS (`METHOD /path`). */
export interface RouteExamples {
  /** Request bodies, by name (for the action route: by action). */
  readonly body?: Readonly<Record<string, Example>>;
  /** The JSON answer of the success status. */
  readonly success?: unknown;
}

export const EXAMPLE_CASE_ID = '3f6c2a9e-5b1d-4c7e-9a2f-1d8e4b6c0a75';
export const EXAMPLE_CASE_NUMBER = 'QD-SN-01-2026-000001';
export const EXAMPLE_HANDOFF_ID = '8b1e0f4c-2d7a-4e59-b3c6-5a9d7e2f1c08';
/** GB 11643: 370202 (Qingdao, Shinan), born 1990-03-07, sequence 124 (even: a woman), check digit 1. */
export const EXAMPLE_ID_NUMBER = '370202199003071241';
/** GB 11643: 370203 (Qingdao, Shibei), born 1988-06-15, sequence 203 (odd: a man), check digit 9. */
const SECOND_ID_NUMBER = '370203198806152039';
/** GB 11643: 370212 (Qingdao, Laoshan), born 1995-02-20, sequence 561 (odd: a man), check digit 4. */
const THIRD_ID_NUMBER = '370212199502205614';
/** GB 11643: 370281 (Jiaozhou), born 1975-11-08, sequence 433 (odd: a man), the work team's head. */
const CONTRACTOR_ID_NUMBER = '370281197511084336';
/** GB 32100: 91 (a company), 370202 (Shinan), organisation code MA3C4K1T0, check character 9. */
export const EXAMPLE_CREDIT_CODE = '91370202MA3C4K1T09';

const MEDIATOR = 'liu.yang@QD-SN-01';
const EMPLOYER = '青岛港湾物流有限公司';
const WAGES = {
  category: 'WAGE_ARREARS',
  amountFen: 1_250_000,
  description: '2025年8月至10月工资未发，共计12500元',
};
const SUMMARY = '王芳自2025年8月起未领到工资，要求公司支付拖欠的三个月工资。';

const FILING = {
  origin: 'WALK_IN',
  workers: [{ name: '王芳', idNumber: EXAMPLE_ID_NUMBER, phone: '13812345678' }],
  employer: { name: EMPLOYER, creditCode: EXAMPLE_CREDIT_CODE },
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
const FILED_CASE = {
  caseId: EXAMPLE_CASE_ID,
  caseNumber: EXAMPLE_CASE_NUMBER,
  postId: 'QD-SN-01',
  origin: 'WALK_IN',
  workers: [{ name: '王芳', idNumber: '370***********1241', phone: '138****5678' }],
  employer: { name: EMPLOYER, kind: 'ORGANISATION', creditCode: EXAMPLE_CREDIT_CODE },
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
const MEDIATING_CASE = {
  ...FILED_CASE,
  status: 'MEDIATING',
  version: 3,
  updatedAt: '2026-03-03T02:00:00.000Z',
  mediatorId: MEDIATOR,
  sessionsHeld: 1,
  lastSessionAt: '2026-03-03T01:30:00.000Z',
};

const ACTOR = { sub: MEDIATOR, role: 'mediator', postId: 'QD-SN-01' };

const HISTORY = [
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

/** A request for judicial confirmation of a signed agreement, delivered to the Shinan court. */
const HANDOFF = {
  handoffId: EXAMPLE_HANDOFF_ID,
  caseId: EXAMPLE_CASE_ID,
  requestedVersion: 6,
  destination: { kind: 'COURT', id: 'qd-shinan-court' },
  purpose: 'JUDICIAL_CONFIRMATION',
  fromPostId: 'QD-SN-01',
  requestedAt: '2026-03-10T03:00:00.000Z',
  requestedBy: MEDIATOR,
  status: 'DELIVERED',
  attempts: 1,
  dispatch: 1,
  lastAttemptAt: '2026-03-10T03:00:02.000Z',
  lastError: null,
  deliveredAt: '2026-03-10T03:00:02.000Z',
  partnerReference: '（2026）鲁0202民特123号',
  failedAt: null,
};

const REMINDER = {
  reminderId: reminderIdOf(EXAMPLE_CASE_ID, 'MEDIATION-1', 'DUE_IN_3_WORKING_DAYS'),
  caseId: EXAMPLE_CASE_ID,
  caseNumber: EXAMPLE_CASE_NUMBER,
  postId: 'QD-SN-01',
  clockId: 'MEDIATION-1',
  clock: 'MEDIATION',
  dueOn: '2026-03-17',
  stage: 'DUE_IN_3_WORKING_DAYS',
  severity: 'WARNING',
  escalated: false,
  raisedAt: '2026-03-12T00:00:00.000Z',
  status: 'OPEN',
  acknowledgedBy: null,
  acknowledgedAt: null,
};

/** The State Council's 2026 holidays (国办发明电〔2025〕7号) and their make-up working days. */
const CALENDAR_2026 = {
  restDays: [
    '2026-01-01',
    '2026-01-02',
    '2026-01-03',
    '2026-02-15',
    '2026-02-16',
    '2026-02-17',
    '2026-02-18',
    '2026-02-19',
    '2026-02-20',
    '2026-02-21',
    '2026-02-22',
    '2026-02-23',
    '2026-04-04',
    '2026-04-05',
    '2026-04-06',
    '2026-05-01',
    '2026-05-02',
    '2026-05-03',
    '2026-05-04',
    '2026-05-05',
    '2026-06-19',
    '2026-06-20',
    '2026-06-21',
    '2026-09-25',
    '2026-09-26',
    '2026-09-27',
    '2026-10-01',
    '2026-10-02',
    '2026-10-03',
    '2026-10-04',
    '2026-10-05',
    '2026-10-06',
    '2026-10-07',
  ],
  workingDays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
};

const POST = { postId: 'QD-SN-01', name: '市南区职工法律援助工作站', district: '市南区' };

const example = (summary: string, value: unknown): Example => ({ summary, value });

/** One example per action people take through the API (a test fails when an action has none). */
export const ACTION_EXAMPLES: Readonly<Record<string, Example>> = {
  ACCEPT_MEDIATION: example('The post takes the application up and tells the employer', {
    action: 'ACCEPT_MEDIATION',
    notice: { on: '2026-03-02', to: 'EMPLOYER', means: 'PHONE' },
  }),
  DECLINE_MEDIATION: example('The post declines to mediate and tells the worker why', {
    action: 'DECLINE_MEDIATION',
    reason: '公司明确拒绝调解，告知申请人可直接申请劳动仲裁。',
    notice: { on: '2026-03-02', to: 'WORKERS', means: 'WRITTEN' },
  }),
  ASSIGN_MEDIATOR: example('Assign a mediator', { action: 'ASSIGN_MEDIATOR', mediatorId: MEDIATOR }),
  APPOINT_AGENT: example('The worker appoints a union lawyer with special authority', {
    action: 'APPOINT_AGENT',
    actsFor: 'WORKER',
    workerIndex: 0,
    role: 'APPOINTED_AGENT',
    agentKind: 'LAWYER',
    authority: 'SPECIAL',
    name: '赵律师',
    phone: '13912345678',
  }),
  SUSPEND_LIMITATION: example('The limitation is suspended: the worker is in hospital', {
    action: 'SUSPEND_LIMITATION',
    ground: 'LEGITIMATE_REASON',
    reason: '劳动者住院治疗，无法申请仲裁。',
  }),
  RESUME_LIMITATION: example('The cause ended: the limitation runs on', {
    action: 'RESUME_LIMITATION',
    note: '劳动者已出院。',
  }),
  RECORD_SESSION: example('Record a mediation session (an instant with its offset)', {
    action: 'RECORD_SESSION',
    heldAt: '2026-03-03T09:30:00+08:00',
    notes: '双方到场，公司同意分两期支付拖欠工资。',
  }),
  EXTEND_MEDIATION: example("Extend the mediation period by both parties' consent", {
    action: 'EXTEND_MEDIATION',
    bothPartiesConsent: true,
    days: 10,
    basis: '双方同意延长调解期限十日（《企业劳动争议协商调解规定》）。',
  }),
  SIGN_AGREEMENT: example(
    'Sign a mediation agreement: amounts per claim, two instalments, who signed, the day it took effect',
    {
      action: 'SIGN_AGREEMENT',
      terms: '青岛港湾物流有限公司于2026年3月31日前分两期向王芳支付拖欠工资12500元。',
      amountFen: 1_250_000,
      items: [{ claim: 0, amountFen: 1_250_000 }],
      performBy: '2026-03-31',
      instalments: [
        { dueOn: '2026-03-15', amountFen: 625_000 },
        { dueOn: '2026-03-31', amountFen: 625_000 },
      ],
      signatures: {
        workers: [0],
        employer: { representative: '周敏', sealed: true },
        mediator: MEDIATOR,
        organisationSeal: true,
      },
      effectiveOn: '2026-03-03',
    },
  ),
  RECORD_PERFORMANCE: example('Record a payment under the agreement: the first instalment', {
    action: 'RECORD_PERFORMANCE',
    paidFen: 625_000,
    instalment: 1,
  }),
  REQUEST_JUDICIAL_CONFIRMATION: example('Ask a court to confirm the agreement', {
    action: 'REQUEST_JUDICIAL_CONFIRMATION',
    courtId: 'qd-shinan-court',
  }),
  REQUEST_ARBITRAL_REVIEW: example('Ask the arbitration institute to review the agreement (both parties)', {
    action: 'REQUEST_ARBITRAL_REVIEW',
    arbitrationId: 'qd-arbitration',
  }),
  REQUEST_PAYMENT_ORDER: example('Ask a court for a payment order', {
    action: 'REQUEST_PAYMENT_ORDER',
    courtId: 'qd-shinan-court',
  }),
  REQUEST_ENFORCEMENT: example('Ask a court to enforce a confirmed agreement', {
    action: 'REQUEST_ENFORCEMENT',
    courtId: 'qd-shinan-court',
  }),
  FAIL_MEDIATION: example('Mediation failed', {
    action: 'FAIL_MEDIATION',
    reason: '公司拒绝支付，双方未能达成协议。',
  }),
  FAIL_PERFORMANCE: example('The agreement was not performed', {
    action: 'FAIL_PERFORMANCE',
    reason: '公司逾期未支付第二期款项。',
  }),
  RESUME_MEDIATION: example('Mediate again, with both parties’ consent', {
    action: 'RESUME_MEDIATION',
    bothPartiesConsent: true,
    note: '双方同意重新调解。',
  }),
  REFER_TO_ARBITRATION: example('Refer the case to the arbitration commission', {
    action: 'REFER_TO_ARBITRATION',
    arbitrationId: 'qd-arbitration',
  }),
  RETURN_TO_COURT: example('Hand a court-delegated case back to its court', {
    action: 'RETURN_TO_COURT',
    courtId: 'qd-shinan-court',
  }),
  REFER_TO_COURT: example('Help the worker take the case to court', {
    action: 'REFER_TO_COURT',
    courtId: 'qd-shinan-court',
    application: 'LITIGATION',
  }),
  TRANSFER_TO_POST: example('Transfer the case to another post', {
    action: 'TRANSFER_TO_POST',
    toPostId: 'QD-LS-02',
    reason: '用人单位注册地在崂山区，由崂山区工作站就近调解。',
  }),
  CANCEL_HANDOFF: example('Cancel a handoff before the partner takes it', {
    action: 'CANCEL_HANDOFF',
    reason: '双方已自行和解，撤回申请。',
  }),
  WITHDRAW: example('The worker withdraws the application', {
    action: 'WITHDRAW',
    reason: '劳动者撤回调解申请。',
  }),
  CLOSE: example('Close the case', { action: 'CLOSE', resolution: '协议已全部履行，结案。' }),
};

export const ROUTE_EXAMPLES: Readonly<Record<string, RouteExamples>> = {
  'GET /health': { success: { status: 'ok' } },
  'POST /cases': {
    body: {
      walkIn: example('A worker walks in: three months of unpaid wages', FILING),
      twoWorkers: example('Two workers of one employer, wages and overtime', {
        ...FILING,
        workers: [...FILING.workers, { name: '李强', idNumber: SECOND_ID_NUMBER, phone: '13969881234' }],
        claims: [
          { ...WAGES, amountFen: 2_480_000, description: '两人2025年8月至10月工资未发' },
          { category: 'OVERTIME', amountFen: 356_000, description: '2025年国庆节加班费未付' },
        ],
        summary: '王芳、李强两人要求公司支付拖欠工资和加班费。',
        // Received earlier than today (the default): the mediation period counts from it.
        receivedOn: '2026-03-02',
      }),
      workTeam: example('A labour contractor’s work team (包工头): no credit code, the head’s ID number', {
        origin: 'WALK_IN',
        workers: [{ name: '赵磊', idNumber: THIRD_ID_NUMBER, phone: '+86 139 5321 7788' }],
        employer: { kind: 'WORK_TEAM', name: '张建国施工队', idNumber: CONTRACTOR_ID_NUMBER },
        claims: [{ category: 'WAGE_ARREARS', amountFen: 1_860_000, description: '2025年工地劳务费未结清' }],
        summary: '赵磊在张建国施工队做钢筋工，工程完工后劳务费一直未结。',
      }),
    },
    success: FILED_CASE,
  },
  'GET /cases': {
    success: {
      items: [
        {
          caseId: EXAMPLE_CASE_ID,
          caseNumber: EXAMPLE_CASE_NUMBER,
          postId: 'QD-SN-01',
          origin: 'WALK_IN',
          status: 'MEDIATING',
          version: 3,
          createdAt: MEDIATING_CASE.createdAt,
          updatedAt: MEDIATING_CASE.updatedAt,
          mediationDueAt: MEDIATING_CASE.mediationDueAt,
          mediatorId: MEDIATOR,
          collective: false,
          newEmploymentForm: false,
          claimedFen: 1_250_000,
          employerName: EMPLOYER,
          workerCount: 1,
        },
      ],
      nextCursor: null,
    },
  },
  'GET /cases/{caseId}': { success: MEDIATING_CASE },
  'POST /cases/{caseId}/actions': { body: ACTION_EXAMPLES, success: MEDIATING_CASE },
  'GET /cases/{caseId}/history': { success: { items: HISTORY, nextCursor: null } },
  'GET /cases/{caseId}/handoffs': { success: { items: [HANDOFF], nextCursor: null } },
  'POST /handoffs/{handoffId}/retry': {
    success: {
      ...HANDOFF,
      status: 'PENDING',
      attempts: 5,
      dispatch: 2,
      lastAttemptAt: '2026-03-10T03:20:00.000Z',
      lastError: 'partner answered 503',
      deliveredAt: null,
      partnerReference: null,
      failedAt: null,
    },
  },
  'POST /dead-letters/{kind}/redrive': { success: { kind: 'COURT', moved: 3 } },
  'GET /calendar/{year}': {
    success: { year: 2026, source: 'PACKAGE', ...CALENDAR_2026 },
  },
  'PUT /calendar/{year}': {
    body: { year2026: example('The 2026 holidays as the State Council published them', CALENDAR_2026) },
    success: {
      year: 2026,
      source: 'ADMIN',
      ...CALENDAR_2026,
      updatedAt: '2026-01-05T01:00:00.000Z',
      updatedBy: 'zhang.min@QD-HQ',
    },
  },
  'GET /partners': {
    success: {
      items: [
        { kind: 'ARBITRATION', id: 'qd-arbitration', name: '青岛市劳动人事争议仲裁委员会' },
        { kind: 'COURT', id: 'qd-shinan-court', name: '青岛市市南区人民法院' },
      ],
    },
  },
  'GET /posts': {
    success: {
      items: [{ ...POST, updatedAt: '2026-01-05T01:00:00.000Z', updatedBy: 'zhang.min@QD-HQ' }],
      nextCursor: null,
    },
  },
  'PUT /posts/{postId}': {
    body: {
      shinan: example('Name a post and its district', { name: POST.name, district: POST.district }),
    },
    success: { ...POST, updatedAt: '2026-01-05T01:00:00.000Z', updatedBy: 'zhang.min@QD-HQ' },
  },
  'POST /partners/{partnerId}/callbacks': {
    body: {
      delegated: example('A court delegates pre-litigation mediation (opens a case)', {
        type: 'court.mediation_delegated',
        data: {
          postId: 'QD-SN-01',
          reference: '（2026）鲁0202民诉前调456号',
          receivedOn: '2026-03-02',
          workers: [{ name: '王芳', idNumber: EXAMPLE_ID_NUMBER, phone: '13812345678' }],
          employer: { name: EMPLOYER, creditCode: EXAMPLE_CREDIT_CODE },
          claims: [WAGES],
          summary: SUMMARY,
        },
      }),
      confirmed: example('A court confirms a mediation agreement', {
        type: 'court.confirmation_granted',
        caseId: EXAMPLE_CASE_ID,
        handoffId: EXAMPLE_HANDOFF_ID,
        data: { reference: '（2026）鲁0202民特123号', decidedOn: '2026-03-16' },
      }),
    },
    success: { caseId: EXAMPLE_CASE_ID, status: 'CONFIRMED', version: 8 },
  },
  'GET /reminders': { success: { items: [REMINDER], nextCursor: null } },
  'POST /reminders/{reminderId}/ack': {
    success: {
      ...REMINDER,
      status: 'ACKNOWLEDGED',
      acknowledgedBy: MEDIATOR,
      acknowledgedAt: '2026-03-12T01:15:00.000Z',
    },
  },
};

/** Path parameters, by name: the ids of the day above. */
export const PATH_EXAMPLES: Readonly<Record<string, string>> = {
  caseId: EXAMPLE_CASE_ID,
  handoffId: EXAMPLE_HANDOFF_ID,
  reminderId: REMINDER.reminderId,
  kind: 'COURT',
  year: '2026',
  postId: 'QD-SN-01',
  partnerId: 'qd-shinan-court',
};

const error = (code: string, message: string, details: unknown = null) => ({
  error: { code, message, details },
});

/** A worker's ID number with a wrong check digit, in the caller's language (the message catalogue's words). */
const badIdNumber = (language: Language) => {
  const text = render(message('id.residentCheck'), language);
  return error('VALIDATION_FAILED', `workers[0].idNumber: ${text}`, {
    issues: [{ field: 'workers[0].idNumber', message: text }],
  });
};

/** What each error status answers, typically, in English (the default language). */
export const ERROR_EXAMPLES: Readonly<Record<ErrorStatus | 500, unknown>> = {
  400: badIdNumber('en'),
  401: error('UNAUTHORIZED', render(message('auth.required'), 'en')),
  403: error('FORBIDDEN', 'the case belongs to another post'),
  404: error('NOT_FOUND', `case ${EXAMPLE_CASE_ID} not found`, { resource: 'case', id: EXAMPLE_CASE_ID }),
  409: error('ILLEGAL_TRANSITION', 'action SIGN_AGREEMENT is not allowed while the case is FILED', {
    status: 'FILED',
    action: 'SIGN_AGREEMENT',
    allowedActions: ['ASSIGN_MEDIATOR', 'FAIL_MEDIATION', 'TRANSFER_TO_POST', 'WITHDRAW'],
  }),
  412: error('PRECONDITION_FAILED', 'case version 3 is stale; current version is 4', {
    expectedVersion: 3,
    currentVersion: 4,
  }),
  413: error('PAYLOAD_TOO_LARGE', 'request bodies are limited to 65536 bytes', { limit: 65536 }),
  415: error('UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json'),
  422: error('UNKNOWN_REFERENCE', 'courtId: no court qd-laoshan-court is registered', {
    issues: [{ field: 'courtId', message: 'no court qd-laoshan-court is registered' }],
  }),
  500: error('INTERNAL', 'internal error'),
};

/** The same answers with `Accept-Language: zh-CN`, where the reference shows both. */
export const ERROR_EXAMPLES_ZH: Readonly<Partial<Record<ErrorStatus, unknown>>> = {
  400: badIdNumber('zh-CN'),
  401: error('UNAUTHORIZED', render(message('auth.required'), 'zh-CN')),
};
