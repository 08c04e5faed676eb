import type { ClaimCategory, Employer } from '../case/model.ts';

/** How the worker reached the post: in person, by phone, online, or through the unions' 12351 hotline. */
export const CHANNELS = ['WALK_IN', 'PHONE', 'ONLINE', 'HOTLINE_12351'] as const;
export type Channel = (typeof CHANNELS)[number];

/** What came of it: advice alone, a referral to another body, or a case opened at the post. */
export const CONSULTATION_OUTCOMES = ['ADVISED', 'REFERRED_ELSEWHERE', 'CASE_OPENED'] as const;
export type ConsultationOutcome = (typeof CONSULTATION_OUTCOMES)[number];

/** The worker, as far as they chose to say who they are: a consultation may be anonymous. */
export interface ConsultationWorker {
  readonly name: string;
  readonly idNumber?: string;
  readonly phone?: string;
}

/**
 * A consultation at a union post: most of a post's legal-aid work never becomes a case, yet it is what the
 * federation's yearly figures count first. `consultedOn` is the Shanghai business date it falls on.
 */
export interface Consultation {
  readonly consultationId: string;
  readonly postId: string;
  readonly channel: Channel;
  /** The claim categories the worker asked about, each once. */
  readonly categories: readonly ClaimCategory[];
  readonly newEmploymentForm: boolean;
  readonly platform: string | null;
  readonly worker: ConsultationWorker | null;
  readonly employer: Employer | null;
  readonly advice: string;
  readonly outcome: ConsultationOutcome;
  /** Where the worker was referred (REFERRED_ELSEWHERE only). */
  readonly referredTo: string | null;
  /** The case opened from it (CASE_OPENED only). */
  readonly caseId: string | null;
  readonly consultedAt: string;
  readonly consultedOn: string;
  /** Who recorded it (the subject of their token). */
  readonly recordedBy: string;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}
