import { EXAMPLE_CASE_ID, EXAMPLE_CASE_NUMBER, EXAMPLE_ID_NUMBER, example } from './day.ts';

export const EXAMPLE_PAIR_ID = '3f6c2a9e-0b1d-4c57-9e8a-7d2b4f1c6e03';

const PAIR = {
  pairId: EXAMPLE_PAIR_ID,
  postId: 'QD-SN-01',
  filed: {
    caseId: '8b1e5c3a-2f4d-4a6b-9c7e-1d3f5a7b9c2e',
    caseNumber: 'QD-LS-02-2026-000007',
    postId: 'QD-LS-02',
  },
  earlier: { caseId: EXAMPLE_CASE_ID, caseNumber: EXAMPLE_CASE_NUMBER, postId: 'QD-SN-01' },
  foundAt: '2026-03-03T01:12:00.000Z',
  status: 'PENDING',
};

/** The mediator serves the mediation notice on 王芳 and needs her ID number and phone in full. */
export const SEALING_EXAMPLES = {
  'POST /cases/{caseId}/reveal': {
    body: {
      serve: example('To serve the mediation notice', {
        fields: ['workers[0].idNumber', 'workers[0].phone'],
        purpose: 'SERVE_DOCUMENTS',
      }),
    },
    success: {
      caseId: EXAMPLE_CASE_ID,
      purpose: 'SERVE_DOCUMENTS',
      revealedAt: '2026-03-02T02:40:00.000Z',
      values: { 'workers[0].idNumber': EXAMPLE_ID_NUMBER, 'workers[0].phone': '13812345678' },
    },
  },
  'GET /duplicates': { success: { items: [PAIR], nextCursor: null } },
  'POST /duplicates/{pairId}': {
    body: {
      same: example('The same wage claim, filed again at Laoshan', {
        decision: 'SAME',
        note: '同一工资争议，已告知崂山站',
      }),
    },
    success: {
      ...PAIR,
      status: 'SAME',
      decidedBy: 'supervisor-1',
      decidedAt: '2026-03-03T02:00:00.000Z',
      note: '同一工资争议，已告知崂山站',
    },
  },
};
