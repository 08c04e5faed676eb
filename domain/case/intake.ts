import * as z from 'zod';
import { creditCodeProblem, mobileProblem, residentIdProblem } from '../shared/identifiers.ts';
import { DATE, FEN, POST_ID, TEXT } from '../shared/validation.ts';
import { CLAIM_CATEGORIES, ORIGINS } from './model.ts';

const problem = (check: (value: string) => string | null) => (value: string, ctx: z.RefinementCtx) => {
  const message = check(value);
  if (message) ctx.addIssue({ code: 'custom', message });
};

/** GB 11643 shape and check digit; whether the birth date is past is checked against today at filing. */
export const WorkerInput = z.strictObject({
  name: TEXT(100),
  idNumber: z.string().superRefine(problem((v) => residentIdProblem(v, '9999-12-31'))),
  phone: z.string().superRefine(problem(mobileProblem)),
});

export const EmployerInput = z.strictObject({
  name: TEXT(200),
  creditCode: z.string().superRefine(problem(creditCodeProblem)),
});

export const ClaimInput = z.strictObject({
  category: z.enum(CLAIM_CATEGORIES),
  amountFen: FEN,
  description: TEXT(2000),
});

/** What a mediator submits to open a case (`POST /cases`); the FILE action's payload. */
export const CaseIntake = z.strictObject({
  origin: z.enum(ORIGINS),
  workers: z.array(WorkerInput).min(1, 'at least one worker').max(500),
  employer: EmployerInput,
  claims: z.array(ClaimInput).min(1, 'at least one claim').max(50),
  summary: TEXT(4000),
  postId: POST_ID.optional(),
  platform: TEXT(100).optional(),
  /** When the union received the application (default today; never in the future; at most a year ago). */
  receivedOn: DATE.optional(),
  /** When the worker knew or should have known of the infringement (limitation, LDMAL art. 27). */
  knewOn: DATE.optional(),
  /** When the employment ended (unpaid wages during employment: limitation from here, art. 27). */
  employmentEndedOn: DATE.optional(),
});
export type CaseIntake = z.output<typeof CaseIntake>;
