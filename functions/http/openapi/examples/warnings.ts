import { DEFAULT_RULE_SET } from '../../../../domain/warnings/rules.ts';
import { EMPLOYER, EXAMPLE_CREDIT_CODE, type Example, example } from './day.ts';

/**
 * The warnings of the day at QD-SN-01: the bureau reports two months of social-insurance arrears at the
 * logistics company in Shinan district (level 2), then a layoff of 250 workers raises it to level 1; the
 * post acknowledges it, checks on site and sends a reminder letter (提示函).
 */

export const EXAMPLE_WARNING_ID = `${EXAMPLE_CREDIT_CODE}-1`;
const BUREAU = 'qd-hrss-bureau';
const ARREARS = { source: BUREAU, reference: '青人社监测〔2026〕001号', observedOn: '2026-03-02', value: 2 };
const LAYOFF = {
  source: BUREAU,
  reference: '青人社裁员备案〔2026〕17号',
  observedOn: '2026-03-03',
  value: 250,
};

const WARNING = {
  warningId: EXAMPLE_WARNING_ID,
  creditCode: EXAMPLE_CREDIT_CODE,
  employerName: EMPLOYER,
  district: '370202',
  postId: 'QD-SN-01',
  level: 1,
  status: 'DISPATCHED',
  ruleVersion: 1,
  fired: [
    {
      ruleId: 'LAYOFF-200',
      indicator: 'LAYOFF_REPORT',
      unit: 'WORKERS',
      comparison: 'GTE',
      threshold: 200,
      windowDays: 90,
      level: 1,
      value: 250,
      signals: [LAYOFF],
    },
    {
      ruleId: 'LAYOFF-20',
      indicator: 'LAYOFF_REPORT',
      unit: 'WORKERS',
      comparison: 'GTE',
      threshold: 20,
      windowDays: 90,
      level: 2,
      value: 250,
      signals: [LAYOFF],
    },
    {
      ruleId: 'SI-ARREARS-1M',
      indicator: 'SOCIAL_INSURANCE_ARREARS',
      unit: 'MONTHS',
      comparison: 'GTE',
      threshold: 1,
      windowDays: 90,
      level: 2,
      value: 2,
      signals: [ARREARS],
    },
  ],
  sources: [BUREAU],
  acknowledgeBy: '2026-03-04T15:59:59.999Z',
  disposeBy: '2026-03-06T15:59:59.999Z',
  nextDueAt: '2026-03-04T15:59:59.999Z',
  overdue: false,
  disposition: null,
  suppression: null,
  history: [
    { at: '2026-03-02T02:00:00.000Z', action: 'RAISE', by: 'system', level: 2 },
    { at: '2026-03-02T02:00:00.000Z', action: 'DISPATCH', by: 'system', level: 2 },
    { at: '2026-03-03T01:30:00.000Z', action: 'RAISE_LEVEL', by: 'system', level: 1 },
    { at: '2026-03-03T01:30:00.000Z', action: 'DISPATCH', by: 'system', level: 1 },
  ],
  raisedAt: '2026-03-02T02:00:00.000Z',
  updatedAt: '2026-03-03T01:30:00.000Z',
  version: 2,
};

const DISPOSED = {
  ...WARNING,
  status: 'DISPOSED',
  nextDueAt: null,
  disposition: {
    kind: 'SUPERVISION_LETTER',
    letter: 'REMINDER_LETTER',
    number: '青工监提〔2026〕3号',
    issuedOn: '2026-03-05',
  },
  version: 5,
};

export const EXAMPLE_REPORT_ID = `${EXAMPLE_WARNING_ID}.disposition.${BUREAU}`;

/** The reminder letter reported back to the bureau, which refused it once (its endpoint misconfigured). */
const REJECTED_REPORT = {
  reportId: EXAMPLE_REPORT_ID,
  warningId: EXAMPLE_WARNING_ID,
  creditCode: EXAMPLE_CREDIT_CODE,
  partnerId: BUREAU,
  postId: 'QD-SN-01',
  status: 'REJECTED',
  createdAt: '2026-03-05T06:00:00.000Z',
  settledAt: '2026-03-05T06:00:02.000Z',
  detail: 'partner answered 422',
  reference: null,
  redrives: 0,
  resends: [],
};
const RESENT_REPORT = {
  ...REJECTED_REPORT,
  status: 'PENDING',
  settledAt: null,
  detail: null,
  resends: [
    {
      at: '2026-03-06T01:00:00.000Z',
      by: 'admin-1',
      rejectedAt: REJECTED_REPORT.settledAt,
      detail: REJECTED_REPORT.detail,
    },
  ],
};

const { loadedAt: _loadedAt, loadedBy: _loadedBy, version: _version, ...TABLE } = DEFAULT_RULE_SET;

export const WARNING_EXAMPLES = {
  'GET /warnings': { success: { items: [WARNING], nextCursor: null } },
  'GET /warnings/{warningId}': { success: { ...WARNING, reports: [] } },
  'GET /disposition-reports': { success: { items: [REJECTED_REPORT], nextCursor: null } },
  'POST /disposition-reports/{reportId}/resend': { success: RESENT_REPORT },
  'POST /warnings/{warningId}/actions': {
    body: {
      ACKNOWLEDGE: example('The post has seen it', { action: 'ACKNOWLEDGE' }),
      START_VERIFICATION: example('The on-site check starts', { action: 'START_VERIFICATION' }),
      DISPOSE: example('A reminder letter (提示函) sent to the employer', {
        action: 'DISPOSE',
        disposition: DISPOSED.disposition,
      }),
      CLOSE: example('A supervisor closes it', { action: 'CLOSE' }),
      SUPPRESS: example('A supervisor suppresses it for a month', {
        action: 'SUPPRESS',
        reason: '企业已与职工达成补缴协议，人社部门跟进',
        until: '2026-04-05',
      }),
    } satisfies Record<string, Example>,
    success: DISPOSED,
  },
  'GET /employers/{creditCode}/risk': {
    success: {
      creditCode: EXAMPLE_CREDIT_CODE,
      level: 1,
      openWarningId: EXAMPLE_WARNING_ID,
      signals: [
        {
          indicator: 'LAYOFF_REPORT',
          unit: 'WORKERS',
          value: 250,
          periodFrom: '2026-02-01',
          periodTo: '2026-03-03',
          observedOn: LAYOFF.observedOn,
          source: BUREAU,
          reference: LAYOFF.reference,
        },
        {
          indicator: 'SOCIAL_INSURANCE_ARREARS',
          unit: 'MONTHS',
          value: 2,
          periodFrom: '2026-01-01',
          periodTo: '2026-02-28',
          observedOn: ARREARS.observedOn,
          source: BUREAU,
          reference: ARREARS.reference,
        },
      ],
      cases: { count: 1, caseNumbers: ['QD-SN-01-2026-000042'] },
    },
  },
  'GET /warning-rules': { success: DEFAULT_RULE_SET },
  'PUT /warning-rules': {
    body: { defaults: example('The default table, loaded again as version 2', TABLE) } satisfies Record<
      string,
      Example
    >,
    success: { ...DEFAULT_RULE_SET, version: 2, loadedAt: '2026-03-02T01:00:00.000Z', loadedBy: 'admin-1' },
  },
  'PUT /districts/{district}': {
    body: {
      shinan: example('Shinan district to its post', { postId: 'QD-SN-01', name: '市南区' }),
    } satisfies Record<string, Example>,
    success: { district: '370202', postId: 'QD-SN-01', name: '市南区' },
  },
};
