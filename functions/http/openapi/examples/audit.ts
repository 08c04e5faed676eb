import { EXAMPLE_CASE_ID, MEDIATOR } from './day.ts';

/** The access log of the day's case: the mediator opened it and its history; the supervisor looks. */
export const AUDIT_EXAMPLES = {
  'GET /cases/{caseId}/access-log': {
    success: {
      items: [
        {
          caseId: EXAMPLE_CASE_ID,
          actor: { sub: MEDIATOR, role: 'mediator', postId: 'QD-SN-01' },
          view: 'HISTORY',
          at: '2026-03-02T02:31:00.000Z',
        },
        {
          caseId: EXAMPLE_CASE_ID,
          actor: { sub: MEDIATOR, role: 'mediator', postId: 'QD-SN-01' },
          view: 'CASE',
          at: '2026-03-02T02:30:00.000Z',
        },
      ],
      nextCursor: null,
    },
  },
};
