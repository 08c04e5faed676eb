import { EXAMPLE_CASE_ID, EXAMPLE_ID_NUMBER, example } from './day.ts';

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
};
