import * as z from 'zod/mini';
import { employerInput, intakeSchema, phoneInput, residentIdInput } from '../case/intake.ts';
import { CLAIM_CATEGORIES } from '../case/model.ts';
import { INSTANT, lazily, POST_ID, TEXT } from '../shared/validation.ts';
import { CHANNELS, CONSULTATION_OUTCOMES, type ConsultationOutcome } from './model.ts';

/** The worker, if they give a name; ID and phone numbers are optional and checked like a case's. */
const consultationWorker = () =>
  z.strictObject({
    name: TEXT(100),
    idNumber: z.optional(residentIdInput()),
    phone: z.optional(phoneInput()),
  });

/** The fields that must agree: the outcome and its referral, the platform and the employment form. */
function consultationShape(
  c: {
    outcome?: ConsultationOutcome | undefined;
    referredTo?: string | undefined;
    newEmploymentForm: boolean;
    platform?: string | undefined;
  },
  ctx: z.core.$RefinementCtx,
) {
  const issue = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
  if (c.outcome === 'CASE_OPENED') {
    issue(
      'outcome',
      'a case is opened from a recorded consultation (POST /consultations/{consultationId}/case)',
    );
  }
  if (c.outcome === 'REFERRED_ELSEWHERE' && c.referredTo === undefined) {
    issue('referredTo', 'required when the worker was referred elsewhere (to whom)');
  }
  if (c.outcome !== 'REFERRED_ELSEWHERE' && c.referredTo !== undefined) {
    issue('referredTo', 'only when the outcome is REFERRED_ELSEWHERE');
  }
  if (!c.newEmploymentForm && c.platform !== undefined) {
    issue('platform', 'only for a worker in a new form of employment (newEmploymentForm true)');
  }
}

/**
 * What a post records of a consultation (`POST /consultations`), quick to fill in: the channel, the claim
 * categories asked about, whether the worker is in a new form of employment (a platform's courier, a
 * ride-hailing driver), the advice given and its outcome; the worker and the employer only if they are
 * known. Built on first use.
 */
export const consultationSchema = lazily(() =>
  z
    .strictObject({
      channel: z.enum(CHANNELS),
      categories: z.array(z.enum(CLAIM_CATEGORIES)).check(
        z.minLength(1, 'at least one category'),
        z.maxLength(CLAIM_CATEGORIES.length),
        z.refine((list) => new Set(list).size === list.length, 'lists a category twice'),
      ),
      newEmploymentForm: z.boolean(),
      platform: z.optional(TEXT(100)),
      worker: z.optional(consultationWorker()),
      employer: z.optional(employerInput()),
      advice: TEXT(4000),
      /** ADVISED (default) or REFERRED_ELSEWHERE; CASE_OPENED comes from opening a case from it. */
      outcome: z.optional(z.enum(CONSULTATION_OUTCOMES)),
      referredTo: z.optional(TEXT(200)),
      /** When it took place (default now; never in the future, at most a year ago). */
      consultedAt: z.optional(INSTANT),
      /** Admins only: the post it was held at (everyone else records at their own). */
      postId: z.optional(POST_ID),
    })
    .check(z.superRefine(consultationShape)),
);
export type ConsultationInput = z.output<ReturnType<typeof consultationSchema>>;

/**
 * What opening a case from a consultation takes (`POST /consultations/{consultationId}/case`): the fields
 * of a filing, each optional, since the consultation gives some; checked on their own first, so a body
 * that is no filing at all is refused before anything is read.
 */
export const openingSchema = lazily(() => z.partial(intakeSchema()));
