import * as z from 'zod/mini';
import { creditCodeProblem, mobileProblem, residentIdProblem } from '../shared/identifiers.ts';
import { DATE, FEN, lazily, POST_ID, TEXT } from '../shared/validation.ts';
import { CLAIM_CATEGORIES, ORIGINS } from './model.ts';

const problem = (check: (value: string) => string | null) => (value: string, ctx: z.core.$RefinementCtx) => {
  const message = check(value);
  if (message) ctx.addIssue({ code: 'custom', message });
};

/** GB 11643 shape and check digit; whether the birth date is past is checked against today at filing. */
const workerInput = () =>
  z.strictObject({
    name: TEXT(100),
    idNumber: z.string().check(z.superRefine(problem((v) => residentIdProblem(v, '9999-12-31')))),
    phone: z.string().check(z.superRefine(problem(mobileProblem))),
  });

const employerInput = () =>
  z.strictObject({
    name: TEXT(200),
    creditCode: z.string().check(z.superRefine(problem(creditCodeProblem))),
  });

const claimInput = () =>
  z.strictObject({
    category: z.enum(CLAIM_CATEGORIES),
    amountFen: FEN,
    description: TEXT(2000),
  });

/** What a mediator submits to open a case (`POST /cases`); the FILE action's payload. Built on first use. */
export const intakeSchema = lazily(() =>
  z.strictObject({
    origin: z.enum(ORIGINS),
    workers: z.array(workerInput()).check(z.minLength(1, 'at least one worker'), z.maxLength(500)),
    employer: employerInput(),
    claims: z.array(claimInput()).check(z.minLength(1, 'at least one claim'), z.maxLength(50)),
    summary: TEXT(4000),
    postId: z.optional(POST_ID),
    platform: z.optional(TEXT(100)),
    /** When the union received the application (default today; never in the future; at most a year ago). */
    receivedOn: z.optional(DATE),
    /** When the worker knew or should have known of the infringement (limitation, LDMAL art. 27). */
    knewOn: z.optional(DATE),
    /** When the employment ended (unpaid wages during employment: limitation from here, art. 27). */
    employmentEndedOn: z.optional(DATE),
  }),
);
export type CaseIntake = z.output<ReturnType<typeof intakeSchema>>;
