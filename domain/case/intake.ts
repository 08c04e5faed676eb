import * as z from 'zod/mini';
import {
  creditCodeProblem,
  normalisePhone,
  normaliseResidentId,
  phoneProblem,
  residentIdProblem,
} from '../shared/identifiers.ts';
import { DATE, FEN, lazily, POST_ID, TEXT } from '../shared/validation.ts';
import {
  CLAIM_CATEGORIES,
  type Claim,
  EMPLOYER_KINDS,
  type EmployerKind,
  INDUSTRY_SECTIONS,
  ORIGINS,
} from './model.ts';
import {
  AGENT_AUTHORITIES,
  AGENT_KINDS,
  AGENT_ROLES,
  type Agent,
  APPLICATION_FORMS,
  LEGAL_REPRESENTATION_REASONS,
} from './parties.ts';

/** A work-injury claim's heads: only its medical costs lie within a payment order (LDMAL art. 16). */
export const WORK_INJURY_KINDS = [
  'MEDICAL_COSTS',
  'BENEFITS',
  'OTHER',
] as const satisfies readonly NonNullable<Claim['subKind']>[];

const problem = (check: (value: string) => string | null) => (value: string, ctx: z.core.$RefinementCtx) => {
  const message = check(value);
  if (message) ctx.addIssue({ code: 'custom', message });
};

/**
 * A resident ID number as people type it (`370202 19900307 123x`), stored as GB 11643 writes it; shape and
 * check digit here, whether the birth date is past against today at filing.
 */
export const residentIdInput = () =>
  z
    .string()
    .check(
      z.overwrite(normaliseResidentId),
      z.superRefine(problem((v) => residentIdProblem(v, '9999-12-31'))),
    );

/** A mobile or a landline as people type it (`+86 138 1234 5678`, `(0532)8888 1234`), stored in one form. */
export const phoneInput = () =>
  z.string().check(z.overwrite(normalisePhone), z.superRefine(problem(phoneProblem)));

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

export const employerInput = () =>
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
      /** The GB/T 4754-2017 section (a letter A–T) the employer's business falls in; optional. */
      industry: z.optional(z.enum(INDUSTRY_SECTIONS)),
    })
    .check(z.superRefine(employerShape));

/** A position in the intake's `workers` (whether it exists is checked against the list at filing). */
const WORKER_INDEX = z.int().check(z.nonnegative(), z.lt(500));

/** Distinct worker positions, e.g. the workers a claim belongs to or the elected representatives. */
const workerIndexes = () =>
  z.array(WORKER_INDEX).check(
    z.minLength(1),
    z.maxLength(500),
    z.refine((list) => new Set(list).size === list.length, 'lists a worker twice'),
  );

const claimInput = () =>
  z
    .strictObject({
      category: z.enum(CLAIM_CATEGORIES),
      amountFen: FEN,
      description: TEXT(2000),
      /** The workers the claim belongs to; left out, it is common to all (a collective claim, LDMAL art. 7). */
      workerIndexes: z.optional(workerIndexes()),
      /** When this claim's infringement was known, if not the case's `knewOn` (LDMAL art. 27). */
      knewOn: z.optional(DATE),
      /** A work-injury claim's head (medical costs, benefits, other): art. 16 admits medical costs only. */
      subKind: z.optional(z.enum(WORK_INJURY_KINDS)),
    })
    .check(
      z.superRefine((claim, ctx) => {
        if (claim.subKind !== undefined && claim.category !== 'WORK_INJURY')
          ctx.addIssue({ code: 'custom', path: ['subKind'], message: 'only for a WORK_INJURY claim' });
      }),
    );

/**
 * Who acts for whom (LDMAL arts. 24–25), as the fields of each role require: a worker's legal
 * representative says why (a minor, incapacity); the next of kin of a deceased worker acts for a worker; an
 * appointed agent says what kind (lawyer, union staff, other) and the authority the power of attorney gives.
 */
function agentShape(
  agent: {
    actsFor: 'WORKER' | 'EMPLOYER';
    workerIndex?: number | undefined;
    role: (typeof AGENT_ROLES)[number];
    reason?: string | undefined;
    agentKind?: string | undefined;
    authority?: string | undefined;
  },
  ctx: z.core.$RefinementCtx,
) {
  const issue = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
  const worker = agent.actsFor === 'WORKER';
  if (worker && agent.workerIndex === undefined) issue('workerIndex', 'required for an agent of a worker');
  if (!worker && agent.workerIndex !== undefined) issue('workerIndex', 'only for an agent of a worker');
  if (agent.role === 'LEGAL_REPRESENTATIVE') {
    if (worker && agent.reason === undefined) {
      issue('reason', "required for a worker's legal representative (MINOR or INCAPACITY, LDMAL art. 25)");
    }
    if (!worker && agent.reason !== undefined) issue('reason', "only for a worker's legal representative");
  } else if (agent.reason !== undefined) issue('reason', "only for a worker's legal representative");
  if (agent.role === 'NEXT_OF_KIN' && !worker) {
    issue('actsFor', 'the next of kin acts for a deceased worker (LDMAL art. 25)');
  }
  if (agent.role === 'APPOINTED_AGENT') {
    if (agent.agentKind === undefined) issue('agentKind', 'required for an appointed agent');
    if (agent.authority === undefined) {
      issue('authority', 'required for an appointed agent (GENERAL or SPECIAL, LDMAL art. 24)');
    }
  } else {
    if (agent.agentKind !== undefined) issue('agentKind', 'only for an appointed agent');
    if (agent.authority !== undefined) issue('authority', 'only for an appointed agent');
  }
}

/** A person acting for a party: validated and masked like a worker (ID number, phone). */
export const agentInput = () =>
  z
    .strictObject({
      actsFor: z.enum(['WORKER', 'EMPLOYER']),
      workerIndex: z.optional(WORKER_INDEX),
      role: z.enum(AGENT_ROLES),
      reason: z.optional(z.enum(LEGAL_REPRESENTATION_REASONS)),
      relationship: z.optional(TEXT(50)),
      agentKind: z.optional(z.enum(AGENT_KINDS)),
      authority: z.optional(z.enum(AGENT_AUTHORITIES)),
      name: TEXT(100),
      idNumber: z.optional(residentIdInput()),
      phone: z.optional(phoneInput()),
    })
    .check(z.superRefine(agentShape));
export type AgentInput = z.output<ReturnType<typeof agentInput>>;

/** The record of an oral application, made on the spot (LDMAL art. 12). */
const oralRecordInput = () =>
  z.strictObject({
    /** The day the application was made and recorded: the day the union received it. */
    recordedOn: DATE,
    /** The facts and reasons as the applicant stated them. */
    facts: TEXT(10_000),
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
    /** The workers elected to represent a collective dispute (LDMAL art. 7): required for one. */
    representatives: z.optional(workerIndexes()),
    /** Who acts for whom (LDMAL arts. 24–25). */
    agents: z.optional(z.array(agentInput()).check(z.maxLength(50))),
    /** WRITTEN (default) or ORAL: an oral application is the record made on the spot (LDMAL art. 12). */
    applicationForm: z.optional(z.enum(APPLICATION_FORMS)),
    oralRecord: z.optional(oralRecordInput()),
  }),
);
export type CaseIntake = z.output<ReturnType<typeof intakeSchema>>;

/** An agent's checks against the case: a worker it has, an ID number valid today (fields relative to the agent). */
export function agentIssues(
  agent: AgentInput,
  workerCount: number,
  today: string,
): { field: string; message: string }[] {
  const issues: { field: string; message: string }[] = [];
  if (agent.workerIndex !== undefined && agent.workerIndex >= workerCount) {
    issues.push({ field: 'workerIndex', message: 'is not a worker of this case' });
  }
  const idProblem = agent.idNumber === undefined ? null : residentIdProblem(agent.idNumber, today);
  if (idProblem) issues.push({ field: 'idNumber', message: idProblem });
  return issues;
}

/** An agent as the case keeps it, recorded on `today`. */
export function agentOf(agent: AgentInput, today: string): Agent {
  return { ...agent, appointedOn: today };
}

/** An agent as events record it: who acts for whom and with what authority, no name, ID number or phone. */
export function agentRecorded(agent: Agent): Record<string, unknown> {
  const { name: _name, idNumber: _id, phone: _phone, relationship: _rel, ...rest } = agent;
  return rest;
}
