import type { Case, CaseStatus } from '../../domain/case/model.ts';

/**
 * Case images as the stream delivers them, for the statistics tests: the fields the figures read, with
 * everything else at its empty value. `history` gives a case's versions, 1..n: open ones move between
 * posts, categories and amounts; once a version ends the case (CLOSED, WITHDRAWN), the later images are
 * the same facts (the lifecycle allows no action on an ended case).
 */
export function caseImage(overrides: Partial<Case> & Pick<Case, 'caseId'>): Case {
  return {
    caseNumber: `QD-SN-01-2026-${overrides.caseId.slice(-6).padStart(6, '0')}`,
    postId: 'QD-SN-01',
    origin: 'WALK_IN',
    workers: [{ name: 'W', idNumber: 'x', phone: 'x' }],
    employer: { name: 'E' },
    claims: [{ category: 'WAGE_ARREARS', amountFen: 1000, description: 'd' }],
    claimedFen: 1000,
    summary: 's',
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
    clocks: [],
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
    ...overrides,
  } as Case;
}

export interface VersionFacts {
  readonly postId: string;
  readonly status: CaseStatus;
  readonly categories: readonly Case['claims'][number]['category'][];
  readonly workers: number;
  readonly claimedFen: number;
  /** Days after receipt this version was written. */
  readonly day: number;
  readonly agreedFen: number | null;
}

/** The versions of one case, each image complete; facts stop changing at the first ended version. */
export function history(caseId: string, receivedOn: string, steps: readonly VersionFacts[]): Case[] {
  const out: Case[] = [];
  let ended: Case | null = null;
  steps.forEach((facts, i) => {
    const version = i + 1;
    if (ended) {
      out.push({ ...ended, version });
      return;
    }
    const at = new Date(Date.parse(`${receivedOn}T02:00:00.000Z`) + facts.day * 86_400_000).toISOString();
    const c = caseImage({
      caseId,
      postId: facts.postId,
      status: facts.status,
      version,
      receivedOn,
      updatedAt: at,
      workers: Array.from({ length: facts.workers }, () => ({ name: 'W', idNumber: 'x', phone: 'x' })),
      collective: facts.workers >= 10,
      claims: facts.categories.map((category) => ({ category, amountFen: 100, description: 'd' })),
      claimedFen: facts.claimedFen,
      agreement:
        facts.agreedFen === null
          ? null
          : {
              terms: 't',
              amountFen: facts.agreedFen,
              performBy: receivedOn,
              signedAt: at,
              paidFen: facts.agreedFen,
            },
    });
    if (facts.status === 'CLOSED' || facts.status === 'WITHDRAWN') ended = c;
    out.push(c);
  });
  return out;
}
