import { ACTION_EXAMPLES } from './examples/actions.ts';
import { AUDIT_EXAMPLES } from './examples/audit.ts';
import { CONSULTATION_EXAMPLES, EXAMPLE_CONSULTATION_ID } from './examples/consultations.ts';
import {
  CONTRACTOR_ID_NUMBER,
  EMPLOYER,
  EXAMPLE_CASE_ID,
  EXAMPLE_CASE_NUMBER,
  EXAMPLE_CREDIT_CODE,
  EXAMPLE_HANDOFF_ID,
  EXAMPLE_ID_NUMBER,
  type Example,
  example,
  FILED_CASE,
  FILING,
  HISTORY,
  MEDIATING_CASE,
  MEDIATOR,
  SECOND_ID_NUMBER,
  SUMMARY,
  THIRD_ID_NUMBER,
  WAGES,
} from './examples/day.ts';
import { CALENDAR_2026, HANDOFF, POST, REMINDER } from './examples/records.ts';
import { EXAMPLE_PAIR_ID, SEALING_EXAMPLES } from './examples/sealing.ts';
import { STATS_EXAMPLES } from './examples/stats.ts';
import { EXAMPLE_REPORT_ID, EXAMPLE_WARNING_ID, WARNING_EXAMPLES } from './examples/warnings.ts';

/**
 * The examples of the OpenAPI document, by route: one realistic day at the Shinan district post (QD-SN-01)
 * in Qingdao (examples/day.ts: its people, ids and case; examples/records.ts: the handoff, reminder,
 * calendar and post around it; examples/actions.ts: a body per action; examples/errors.ts: the errors).
 *
 * Every request body here parses with the schema its handler validates with, and every answer with the
 * documented answer schema (test/unit/openapi.test.ts): an example cannot rot unnoticed.
 */

export { ACTION_EXAMPLES } from './examples/actions.ts';
export {
  EXAMPLE_CASE_ID,
  EXAMPLE_CASE_NUMBER,
  EXAMPLE_CREDIT_CODE,
  EXAMPLE_HANDOFF_ID,
  EXAMPLE_ID_NUMBER,
  type Example,
} from './examples/day.ts';
export { ERROR_EXAMPLES, ERROR_EXAMPLES_ZH } from './examples/errors.ts';

/** A route's examples, keyed in ROUTE_EXAMPLES like ROUTE_DOCS (`METHOD /path`). */
export interface RouteExamples {
  /** Request bodies, by name (for the action route: by action). */
  readonly body?: Readonly<Record<string, Example>>;
  /** The JSON answer of the success status. */
  readonly success?: unknown;
}

export const ROUTE_EXAMPLES: Readonly<Record<string, RouteExamples>> = {
  ...CONSULTATION_EXAMPLES,
  ...STATS_EXAMPLES,
  ...WARNING_EXAMPLES,
  ...AUDIT_EXAMPLES,
  ...SEALING_EXAMPLES,
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
    success: { ...FILED_CASE, possibleDuplicates: [] },
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
  consultationId: EXAMPLE_CONSULTATION_ID,
  month: '2026-03',
  warningId: EXAMPLE_WARNING_ID,
  reportId: EXAMPLE_REPORT_ID,
  creditCode: EXAMPLE_CREDIT_CODE,
  district: '370202',
  pairId: EXAMPLE_PAIR_ID,
};
