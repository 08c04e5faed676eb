/** The figures of the day's post for March 2026, as GET /stats and the reports show them. */
const FIGURES = {
  carriedOver: 12,
  received: 31,
  receivedByOrigin: { WALK_IN: 19, ONLINE: 6, ARBITRATION_PRE_MEDIATION: 2, COURT_DELEGATED: 4, TRANSFER: 0 },
  collective: 2,
  workers: 58,
  workersInCollective: 24,
  byCategory: {
    WAGE_ARREARS: 21,
    OVERTIME: 5,
    SOCIAL_INSURANCE: 4,
    DISMISSAL_COMPENSATION: 6,
    WORK_INJURY: 1,
    LABOUR_CONTRACT: 3,
    OTHER: 1,
  },
  newEmploymentForm: 7,
  closed: 28,
  closedByManner: {
    AGREEMENT_PERFORMED: 18,
    CONFIRMED: 4,
    PAYMENT_ORDER: 1,
    REFERRED_TO_ARBITRATION: 3,
    REFERRED_TO_COURT: 0,
    WITHDRAWN: 2,
    OTHER: 0,
  },
  mediationSuccessRate: 0.8214,
  closedOnTime: 28,
  closedOnTimeRate: 1,
  daysToCloseMean: 11.4,
  daysToCloseMedian: 10,
  claimedFen: 186_450_000,
  agreedFen: 142_300_000,
  recoveredFen: 131_800_000,
  consultations: 96,
  consultationsByChannel: { WALK_IN: 41, PHONE: 22, ONLINE: 18, HOTLINE_12351: 15 },
};

const STATS = {
  from: '2026-03',
  to: '2026-03',
  groupBy: 'post',
  postId: null,
  rows: [{ key: 'QD-SN-01', figures: FIGURES }],
  totals: FIGURES,
};

const REPORT = {
  month: '2026-03',
  frozenAt: '2026-04-03T01:00:00.000Z',
  frozenBy: 'zhang.min@QD-HQ',
  digest: '9b1f0c2e6d4a8f3b5c7e1a2d4f6b8c0e2a4c6e8f0b2d4f6a8c0e2b4d6f8a0c2e',
  figures: STATS,
};

export const STATS_EXAMPLES = {
  'GET /stats': {
    success: { ...STATS, groupBy: 'month', postId: 'QD-SN-01', rows: [{ key: '2026-03', figures: FIGURES }] },
  },
  'POST /reports/{month}': { success: REPORT },
  'GET /reports/{month}': {
    success: {
      report: REPORT,
      changedSince: [{ row: 'QD-SN-01', figure: 'closedByManner.WITHDRAWN', frozen: 2, live: 3 }],
    },
  },
};
