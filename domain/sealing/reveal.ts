import * as z from 'zod/mini';
import type { AccessLog } from '../audit/ports.ts';
import { canSee } from '../case/access.ts';
import type { Case } from '../case/model.ts';
import type { CaseRepository } from '../case/ports.ts';
import { shanghaiDate } from '../clocks/legal-time.ts';
import type { Actor } from '../shared/actor.ts';
import {
  ForbiddenError,
  fieldIssue,
  LimitExceededError,
  NotFoundError,
  ValidationError,
} from '../shared/errors.ts';
import { message } from '../shared/messages.ts';
import type { Clock } from '../shared/ports.ts';
import { SEALED_FIELD, sealableValues } from './fields.ts';

/**
 * Why a person may see sealed personal data in clear: each purpose is a step the union takes for the worker
 * that needs the full value (PIPL art. 6: no more than the purpose needs; art. 28: sensitive information
 * only for a specific purpose and when necessary).
 */
export const REVEAL_PURPOSES = [
  /** Serving a mediation notice or agreement on a party (LDMAL art. 12; CPL art. 87 ff. for service). */
  'SERVE_DOCUMENTS',
  /** Calling or writing to the worker, the employer or an agent. */
  'CONTACT_PARTY',
  /** Filling in an arbitration application for the worker (LDMAL art. 28: it names the parties). */
  'ARBITRATION_APPLICATION',
  /** Filing a complaint or an application at court (CPL art. 124; arts. 205, 225). */
  'COURT_FILING',
  /** An application for legal aid on the worker's behalf (Legal Aid Law art. 41: proof of identity). */
  'LEGAL_AID_APPLICATION',
  /** Checking who a party is against a document they present. */
  'VERIFY_IDENTITY',
] as const;
export type RevealPurpose = (typeof REVEAL_PURPOSES)[number];

/** How many reveals one person may make in one China-time day, unless the deployment sets another. */
export const DEFAULT_DAILY_REVEALS = 30;

export const revealInput = () =>
  z.strictObject({
    fields: z.array(z.string().check(z.maxLength(40))).check(z.minLength(1), z.maxLength(20)),
    purpose: z.enum(REVEAL_PURPOSES),
  });
export type RevealInput = z.output<ReturnType<typeof revealInput>>;

/** Opens a case's sealed fields (the adapter unwraps the data keys in the key service). */
export interface FieldOpener {
  open(c: Case, paths: readonly string[]): Promise<Record<string, string>>;
}

/** One person's reveals per day: `take` counts one and says whether it was within `limit`. */
export interface RevealQuota {
  take(sub: string, day: string, limit: number): Promise<boolean>;
}

export interface RevealDeps {
  readonly cases: CaseRepository;
  readonly opener: FieldOpener;
  readonly quota: RevealQuota;
  readonly accessLog: AccessLog;
  readonly clock: Clock;
  readonly dailyLimit: number;
}

export interface Revealed {
  readonly caseId: string;
  readonly purpose: RevealPurpose;
  readonly revealedAt: string;
  readonly values: Readonly<Record<string, string>>;
}

/**
 * `POST /cases/{id}/reveal`: the clear values of the named sealed fields, for a purpose from the fixed list,
 * to a mediator or supervisor of the case's own post (DOMAIN: readable in full only by the case's own
 * post). Someone who may not see the case gets "not found"; an admin or partner who may, 403. Each field
 * must be one the case has (400 naming `fields[i]`). The person's daily allowance is counted before the
 * values are opened (429 past it), and the reveal is recorded — who, when, which fields, why — before they
 * are returned (PIPL arts. 51, 54).
 */
export async function revealFields(
  deps: RevealDeps,
  actor: Actor,
  caseId: string,
  input: RevealInput,
): Promise<Revealed> {
  const c = await deps.cases.get(caseId);
  const member = c && c.postId === actor.postId && (actor.role === 'mediator' || actor.role === 'supervisor');
  if (!c || !member) {
    if (c && canSee(actor, c)) throw new ForbiddenError(message('reveal.postOnly'));
    throw new NotFoundError('case', caseId);
  }
  const present = new Set(sealableValues(c).map(({ path }) => path));
  const issues = input.fields.flatMap((field, i) =>
    SEALED_FIELD.test(field) && present.has(field)
      ? []
      : [fieldIssue(`fields[${i}]`, message('reveal.unknownField'))],
  );
  if (issues.length > 0) throw new ValidationError(issues);
  const fields = [...new Set(input.fields)];
  const at = deps.clock.now();
  if (!(await deps.quota.take(actor.sub, shanghaiDate(at), deps.dailyLimit))) {
    throw new LimitExceededError(message('reveal.dailyLimit', { limit: deps.dailyLimit }));
  }
  await deps.accessLog.recordAccess({
    caseId,
    actor: { sub: actor.sub, role: actor.role, postId: actor.postId },
    view: 'REVEAL',
    at,
    fieldsRevealed: fields,
    purpose: input.purpose,
  });
  const values = await deps.opener.open(c, fields);
  return { caseId, purpose: input.purpose, revealedAt: at, values };
}
