import * as z from 'zod/mini';
import { creditCodeProblem, mobileProblem, residentIdProblem } from '../shared/identifiers.ts';
import { DATE, FEN, POST_ID, TEXT } from '../shared/validation.ts';
import { CLAIM_CATEGORIES, ORIGINS } from './model.ts';

const problem = (check: (value: string) => string | null) => (value: string, ctx: z.core.$RefinementCtx) => {
  const message = check(value);
  if (message) ctx.addIssue({ code: 'custom', message });
};

/** GB 11643 shape and check digit; whether the birth date is past is checked against today at filing. */
export const WorkerInput = z.strictObject({
  name: TEXT(100),
  idNumber: z.string().check(z.superRefine(problem((v) => residentIdProblem(v, '9999-12-31')))),
  phone: z.string().check(z.superRefine(problem(mobileProblem))),
});

export const EmployerInput = z.strictObject({
  name: TEXT(200),
  creditCode: z.string().check(z.superRefine(problem(creditCodeProblem))),
});

export const ClaimInput = z.strictObject({
  category: z.enum(CLAIM_CATEGORIES),
  amountFen: FEN,
  description: TEXT(2000),
});

/** What a mediator submits to open a case (`POST /cases`); the FILE action's payload. */
export const CaseIntake = z.strictObject({
  origin: z.enum(ORIGINS),
  workers: z.array(WorkerInput).check(z.minLength(1, 'at least one worker'), z.maxLength(500)),
  employer: EmployerInput,
  claims: z.array(ClaimInput).check(z.minLength(1, 'at least one claim'), z.maxLength(50)),
  summary: TEXT(4000),
  postId: z.optional(POST_ID),
  platform: z.optional(TEXT(100)),
  /** When the union received the application (default today; never in the future; at most a year ago). */
  receivedOn: z.optional(DATE),
  /** When the worker knew or should have known of the infringement (limitation, LDMAL art. 27). */
  knewOn: z.optional(DATE),
  /** When the employment ended (unpaid wages during employment: limitation from here, art. 27). */
  employmentEndedOn: z.optional(DATE),
});
export type CaseIntake = z.output<typeof CaseIntake>;
