import { employerOf } from '../case/model.ts';
import { addYears, shanghaiDate } from '../clocks/legal-time.ts';
import type { Actor } from '../shared/actor.ts';
import { ForbiddenError, NotFoundError, UnknownReferenceError, ValidationError } from '../shared/errors.ts';
import { residentIdProblem } from '../shared/identifiers.ts';
import { message } from '../shared/messages.ts';
import { type Page, type PageRequest, pageSize } from '../shared/page.ts';
import { parseOrThrow } from '../shared/validation.ts';
import { consultationSchema } from './intake.ts';
import type { Consultation } from './model.ts';
import type { ConsultationDeps, ConsultationReceiptFor } from './ports.ts';

/** The post an actor works at, or the one an admin names; anyone else naming another post is refused. */
function postOf(actor: Actor, named: string | undefined, key: 'record' | 'list'): string {
  const postId = named ?? actor.postId;
  if (postId !== actor.postId && actor.role !== 'admin') {
    const params = { role: actor.role, postId: actor.postId };
    throw new ForbiddenError(
      message(key === 'record' ? 'consultation.recordOwnPost' : 'consultation.listOwnPost', params),
    );
  }
  return postId;
}

/**
 * Records a consultation at the caller's post (an admin may name the post). Input: the consultation
 * schema (intake.ts). Output: the stored consultation, version 1, outcome ADVISED unless the worker was
 * referred elsewhere. It took place `consultedAt` (default now; not in the future, at most a year ago);
 * `consultedOn` is its Shanghai business date, the day the federation's figures count it on. ID numbers
 * must carry a valid GB 11643 check digit and a past birth date, as at filing; the post must be in the
 * directory (422 on `postId`).
 */
export async function recordConsultation(
  deps: ConsultationDeps,
  actor: Actor,
  input: unknown,
  options: { readonly receipt?: ConsultationReceiptFor } = {},
): Promise<Consultation> {
  const c = parseOrThrow(consultationSchema(), input);
  const postId = postOf(actor, c.postId, 'record');
  const now = deps.clock.now();
  const today = shanghaiDate(now);
  const consultedAt = c.consultedAt === undefined ? now : new Date(c.consultedAt).toISOString();
  const issues: { field: string; message: string }[] = [];
  if (consultedAt > now) issues.push({ field: 'consultedAt', message: 'must not be in the future' });
  else if (shanghaiDate(consultedAt) < addYears(today, -1)) {
    issues.push({ field: 'consultedAt', message: 'must be within the last year' });
  }
  for (const [field, id] of [
    ['worker.idNumber', c.worker?.idNumber],
    ['employer.idNumber', c.employer?.idNumber],
  ] as const) {
    const problem = id === undefined ? null : residentIdProblem(id, today);
    if (problem) issues.push({ field, message: problem });
  }
  if (issues.length > 0) throw new ValidationError(issues);
  if (!(await deps.directory.knows({ kind: 'UNION_POST', id: postId }))) {
    throw new UnknownReferenceError('postId', `no union post ${postId} is registered`);
  }
  const consultation: Consultation = {
    consultationId: deps.ids.consultationId(),
    postId,
    channel: c.channel,
    categories: c.categories,
    newEmploymentForm: c.newEmploymentForm,
    platform: c.platform ?? null,
    worker: c.worker ?? null,
    employer: c.employer ? employerOf(c.employer) : null,
    advice: c.advice,
    outcome: c.outcome ?? 'ADVISED',
    referredTo: c.referredTo ?? null,
    caseId: null,
    consultedAt,
    consultedOn: shanghaiDate(consultedAt),
    recordedBy: actor.sub,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await deps.consultations.create(consultation, options.receipt?.(consultation));
  return consultation;
}

/** The consultation if the actor may see it: its post's people and admins; NotFoundError for anyone else. */
export async function readConsultation(
  deps: Pick<ConsultationDeps, 'consultations'>,
  actor: Actor,
  consultationId: string,
): Promise<Consultation> {
  const c = await deps.consultations.get(consultationId);
  const visible = c !== null && (actor.role === 'admin' || c.postId === actor.postId);
  if (!visible) throw new NotFoundError('consultation', consultationId);
  return c;
}

/** A post's consultations, newest first (by when they took place); the caller's post unless an admin names one. */
export async function listConsultations(
  deps: Pick<ConsultationDeps, 'consultations'>,
  actor: Actor,
  input: PageRequest & { readonly postId?: string },
): Promise<Page<Consultation>> {
  const postId = postOf(actor, input.postId, 'list');
  return deps.consultations.listByPost({
    postId,
    limit: pageSize(input.limit),
    ...(input.cursor ? { cursor: input.cursor } : {}),
  });
}
