import {
  EMPLOYER,
  EXAMPLE_CASE_ID,
  EXAMPLE_CREDIT_CODE,
  EXAMPLE_ID_NUMBER,
  type Example,
  example,
  FILED_CASE,
  MEDIATOR,
  SUMMARY,
  WAGES,
} from './day.ts';

/**
 * The consultations of the day at QD-SN-01: 王芳 walks in first to ask about her unpaid wages, is advised,
 * and comes back for a case opened from the consultation; a courier calls the 12351 hotline about his
 * platform and is referred to the labour inspectorate.
 */

export const EXAMPLE_CONSULTATION_ID = '6a0d4b2e-9c3f-4e18-8f71-2b5c9d0e3a64';

const CONSULTATION = {
  consultationId: EXAMPLE_CONSULTATION_ID,
  postId: 'QD-SN-01',
  channel: 'WALK_IN',
  categories: ['WAGE_ARREARS'],
  newEmploymentForm: false,
  platform: null,
  worker: { name: '王芳', idNumber: '370***********1241', phone: '138****5678' },
  employer: { name: EMPLOYER, kind: 'ORGANISATION', creditCode: EXAMPLE_CREDIT_CODE, industry: 'G' },
  advice: '告知可申请调解，须在知道权利被侵害之日起一年内申请仲裁；建议带劳动合同、工资条和考勤记录来立案。',
  outcome: 'ADVISED',
  referredTo: null,
  caseId: null,
  consultedAt: '2026-03-02T01:10:00.000Z',
  consultedOn: '2026-03-02',
  recordedBy: MEDIATOR,
  version: 1,
  createdAt: '2026-03-02T01:20:00.000Z',
  updatedAt: '2026-03-02T01:20:00.000Z',
};

const COURIER = {
  ...CONSULTATION,
  consultationId: '0e7b3c5a-1f2d-4a69-b8e4-7c6d5f9a2b13',
  channel: 'HOTLINE_12351',
  categories: ['SOCIAL_INSURANCE', 'WORK_INJURY'],
  newEmploymentForm: true,
  platform: '某外卖平台',
  worker: null,
  employer: null,
  advice: '说明新就业形态劳动者职业伤害保障的申请渠道。',
  outcome: 'REFERRED_ELSEWHERE',
  referredTo: '青岛市市南区人力资源和社会保障局劳动保障监察大队',
  consultedAt: '2026-03-02T03:40:00.000Z',
  createdAt: '2026-03-02T03:45:00.000Z',
  updatedAt: '2026-03-02T03:45:00.000Z',
};

export const CONSULTATION_EXAMPLES = {
  'POST /consultations': {
    body: {
      walkIn: example('A worker walks in to ask about unpaid wages and is advised', {
        channel: 'WALK_IN',
        categories: ['WAGE_ARREARS'],
        newEmploymentForm: false,
        worker: { name: '王芳', idNumber: EXAMPLE_ID_NUMBER, phone: '13812345678' },
        employer: { name: EMPLOYER, creditCode: EXAMPLE_CREDIT_CODE },
        advice: CONSULTATION.advice,
        consultedAt: CONSULTATION.consultedAt,
      }),
      hotline: example('An anonymous courier calls the 12351 hotline and is referred elsewhere', {
        channel: 'HOTLINE_12351',
        categories: COURIER.categories,
        newEmploymentForm: true,
        platform: COURIER.platform,
        advice: COURIER.advice,
        outcome: 'REFERRED_ELSEWHERE',
        referredTo: COURIER.referredTo,
      }),
    } satisfies Record<string, Example>,
    success: CONSULTATION,
  },
  'GET /consultations': { success: { items: [COURIER, CONSULTATION], nextCursor: null } },
  'GET /consultations/{consultationId}': {
    success: { ...CONSULTATION, outcome: 'CASE_OPENED', caseId: EXAMPLE_CASE_ID, version: 2 },
  },
  'POST /consultations/{consultationId}/case': {
    body: {
      fromWalkIn: example('The worker comes back: the claims and the summary; the rest is prefilled', {
        claims: [WAGES],
        summary: SUMMARY,
      }),
    } satisfies Record<string, Example>,
    success: { ...FILED_CASE, consultationId: EXAMPLE_CONSULTATION_ID },
  },
};
