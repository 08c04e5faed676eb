import { EXAMPLE_CASE_ID, MEDIATOR } from './day.ts';

const H1 = '3f7a9c1e5b2d4f6081a3c5e7092b4d6f8a0c2e4f6b8d0a2c4e6f8b0d2a4c6e8f';
const H2 = 'b4e6f8a0c2d4e6f8a0b2c4d6e8f0a2b4c6d8e0f2a4b6c8d0e2f4a6b8c0d2e4f6';

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
  'GET /cases/{caseId}/proof': {
    success: {
      caseId: EXAMPLE_CASE_ID,
      chain: [
        { version: 1, seq: 0, type: 'CASE_FILED', hash: H1 },
        { version: 2, seq: 0, type: 'MEDIATOR_ASSIGNED', hash: H2 },
      ],
      inclusion: {
        checkpoint: 'checkpoints/2026-03-02T03:00:00.000Z.json',
        leaf: { caseId: EXAMPLE_CASE_ID, version: 2, head: H2 },
        leafIndex: 0,
        auditPath: ['5a3c0b9e4d2f7186a9c3e5b1d0f2a4c6e8b0d2f4a6c8e0b2d4f6a8c0e2b4d6f8'],
        treeHead: {
          createdAt: '2026-03-02T03:00:00.000Z',
          treeSize: 2,
          root: '9c1e5a7b3d0f2468ace13579bdf02468ace13579bdf02468ace13579bdf02468',
          previous: 'checkpoints/2026-03-02T02:00:00.000Z.json',
        },
        signature: {
          algorithm: 'ECDSA_SHA_256',
          keyId: 'arn:aws:kms:ap-southeast-1:111122223333:key/0d1e2f3a-4b5c-6d7e-8f90-a1b2c3d4e5f6',
          value:
            'MEUCIQDx3pZ0s9lJ8m0VqJYk1n4rX2bT9wVd7fKq5Lh3eN6cAgIgH2kQ7uR1sT4vW6yZ8aB0cD2eF4gH6iJ8kL0mN2oP4qQ=',
        },
      },
    },
  },
};
