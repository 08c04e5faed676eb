import * as z from 'zod/mini';
import {
  creditCodeProblem,
  normalisePhone,
  normaliseResidentId,
  phoneProblem,
  residentIdProblem,
} from '../shared/identifiers.ts';
import { DATE, FEN, lazily, POST_ID, TEXT } from '../shared/validation.ts';
import { CLAIM_CATEGORIES, EMPLOYER_KINDS, type EmployerKind, ORIGINS } from './model.ts';

const problem = (check: (value: string) => string | null) => (value: string, ctx: z.core.$RefinementCtx) => {
  const message = check(value);
  if (message) ctx.addIssue({ code: 'custom', message });
};

/**
 * A resident ID number as people type it (`370202 19900307 123x`), stored as GB 11643 writes it; shape and
 * check digit here, whether the birth date is past against today at filing.
 */
const residentIdInput = () =>
  z
    .string()
    .check(
      z.overwrite(normaliseResidentId),
      z.superRefine(problem((v) => residentIdProblem(v, '9999-12-31'))),
    );

/** A mobile or a landline as people type it (`+86 138 1234 5678`, `(0532)8888 1234`), stored in one form. */
const phoneInput = () => z.string().check(z.overwrite(normalisePhone), z.superRefine(problem(phoneProblem)));

const workerInput = () =>
  z.strictObject({
    name: TEXT(100),
    idNumber: residentIdInput(),
    phone: phoneInput(),
  });

const PERSON_KINDS: readonly EmployerKind[] = ['NATURAL_PERSON', 'WORK_TEAM'];

/**
 * An organisation is known by its unified social credit code. An employer that is a natural person, or a
 * work team under a labour contractor (包工头) that was never registered, has none: it is known by the
 * name and resident ID number of the person (the team's head). `kind` may be left out: a credit code means
 * an organisation, an ID number alone a natural person.
 */
function employerShape(
  employer: {
    kind?: EmployerKind | undefined;
    creditCode?: string | undefined;
    idNumber?: string | undefined;
  },
  ctx: z.core.$RefinementCtx,
) {
  const issue = (field: 'creditCode' | 'idNumber', message: string) =>
    ctx.addIssue({ code: 'custom', path: [field], message });
  const { kind, creditCode, idNumber } = employer;
  if (kind === undefined) {
    if (creditCode === undefined && idNumber === undefined) {
      issue('creditCode', 'required (or idNumber, for an employer that is a natural person or a work team)');
    } else if (creditCode !== undefined && idNumber !== undefined) {
      issue('idNumber', 'give creditCode for an organisation or idNumber for a natural person, not both');
    }
  } else if (PERSON_KINDS.includes(kind)) {
    if (idNumber === undefined) issue('idNumber', `required for a ${kind} employer (the person's ID number)`);
    if (creditCode !== undefined) {
      issue('creditCode', `a ${kind} employer has no credit code; one with a code is an ORGANISATION`);
    }
  } else {
    if (creditCode === undefined) issue('creditCode', 'required for an ORGANISATION employer');
    if (idNumber !== undefined) issue('idNumber', 'only for a NATURAL_PERSON or WORK_TEAM employer');
  }
}

const employerInput = () =>
  z
    .strictObject({
      name: TEXT(200),
      kind: z.optional(z.enum(EMPLOYER_KINDS)),
      creditCode: z.optional(
        z.string().check(
          z.overwrite((v) => v.replace(/\s/g, '').toUpperCase()),
          z.superRefine(problem(creditCodeProblem)),
        ),
      ),
      idNumber: z.optional(residentIdInput()),
    })
    .check(z.superRefine(employerShape));

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
