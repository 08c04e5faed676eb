import { actOnCase } from '../case/act-on-case.ts';
import { openCase } from '../case/file-case.ts';
import type { Case } from '../case/model.ts';
import type { CaseDeps, ReceiptFor } from '../case/ports.ts';
import { shanghaiDate } from '../clocks/legal-time.ts';
import { allowedActions } from '../lifecycle/table.ts';
import type { DuplicateDeps } from '../sealing/duplicates.ts';
import type { Actor } from '../shared/actor.ts';
import type { PartnerKind } from '../shared/destinations.ts';
import {
  IllegalEventError,
  IllegalTransitionError,
  NotFoundError,
  ValidationError,
} from '../shared/errors.ts';
import { parseOrThrow } from '../shared/validation.ts';
import {
  ACTION_EVENTS,
  CallbackEnvelope,
  eventTypeOf,
  isOpeningEvent,
  OPENING_EVENTS,
  openingDataSchema,
  UNHANDED_COURT_EVENTS,
} from './events.ts';
import { refuseUntilDelivered } from './handoff-state.ts';
import { assertOpensAt, openingMarking, openOncePerReference } from './partner-openings.ts';

/** The court or arbitration institute whose signature the edge verified. */
export interface VerifiedPartner {
  readonly kind: PartnerKind;
  readonly id: string;
  /** The union posts it is linked to, from its registration: it opens cases there and nowhere else. */
  readonly posts: readonly string[];
}

/** How a partner acts on cases: as its own role, with its partner id where a person has a post. */
export function partnerActor(partner: VerifiedPartner): Actor {
  return {
    sub: `partner/${partner.id}`,
    role: partner.kind === 'COURT' ? 'court' : 'arbitration',
    postId: partner.id,
  };
}

/**
 * One decision a court or arbitration institute reports (`POST /partners/{partnerId}/callbacks`, after its
 * signature is verified). Input: the partner and the callback body `{ type, caseId?, handoffId?, data }`.
 * Output: the case as stored. An opening event (court delegation, pre-arbitration mediation) opens a case
 * at the post it names — only a post linked to the partner, once per partner reference — with the partner
 * as its source, checked for duplicate filings when `duplicates` is given (domain/sealing/duplicates.ts);
 * any other event takes the lifecycle action the table gives its type, on a case currently with this
 * partner (handed to it, or opened by it and not handed elsewhere since) — any other case is "not found" —
 * once the handoff to it is delivered (a 409 naming the handoff's state while it is PENDING or FAILED).
 * Errors name fields as the body has them (`data.…`); an event the case's state does not allow lists the
 * events that are.
 */
export async function handlePartnerEvent(
  deps: CaseDeps,
  partner: VerifiedPartner,
  body: unknown,
  options: { readonly receipt?: ReceiptFor; readonly duplicates?: DuplicateDeps } = {},
): Promise<Case> {
  const envelope = parseOrThrow(CallbackEnvelope, body);
  const actor = partnerActor(partner);
  if (isOpeningEvent(envelope.type)) {
    const opening = OPENING_EVENTS[envelope.type];
    if (opening.kind !== partner.kind) throw wrongKind(partner);
    const data = parseOrThrow(openingDataSchema(), envelope.data, 'data');
    if (data.receivedOn > shanghaiDate(deps.clock.now())) {
      throw ValidationError.field('data.receivedOn', 'must not be in the future');
    }
    await assertOpensAt(deps, partner, data.postId);
    const { postId, reference, receivedOn, ...intake } = data;
    return openOncePerReference(deps, partner, reference, async (once) =>
      openCase(
        once,
        actor,
        intake,
        {
          postId,
          origin: opening.origin,
          source: { kind: partner.kind, id: partner.id, reference, receivedOn },
        },
        {
          field: 'data',
          ...(options.receipt ? { receipt: options.receipt } : {}),
          ...(await openingMarking(options.duplicates, intake)),
        },
      ),
    );
  }

  const target = ACTION_EVENTS[envelope.type];
  if (!target) throw ValidationError.field('type', 'must be a known partner event type');
  if (target.kind !== partner.kind) throw wrongKind(partner);
  if (!envelope.caseId) throw ValidationError.field('caseId', `is required for ${envelope.type}`);
  const caseId = envelope.caseId;
  const admitted = UNHANDED_COURT_EVENTS[envelope.type];
  if (envelope.handoffId) {
    const c = await deps.cases.get(caseId);
    if (c?.lastHandoff?.handoffId !== envelope.handoffId)
      throw new NotFoundError('handoff', envelope.handoffId);
  }
  try {
    return await actOnCase(deps, actor, caseId, { ...envelope.data, action: target.action }, undefined, {
      ...(options.receipt ? { receipt: options.receipt } : {}),
      ...(admitted ? { admit: (c: Case) => admitted(c, envelope.data, partner.id) } : {}),
      check: refuseUntilDelivered(partner, envelope.type),
    });
  } catch (error) {
    throw asReported(error, envelope.type);
  }
}

const wrongKind = (partner: VerifiedPartner) =>
  ValidationError.field(
    'type',
    `must be a ${partner.kind === 'COURT' ? 'court.*' : 'arbitration.*'} event for this partner`,
  );

/** Errors in the callback's own terms: fields under `data`, event types instead of action names. */
function asReported(error: unknown, type: string): unknown {
  if (error instanceof ValidationError) {
    return new ValidationError(
      error.issues.map((issue) => ({
        ...issue,
        field: issue.field === 'body' ? 'data' : `data.${issue.field}`,
      })),
    );
  }
  if (error instanceof IllegalTransitionError) {
    const details = error.details as { status: string; reason?: string };
    const role = type.startsWith('court.') ? 'court' : 'arbitration';
    const allowed = allowedActions(details.status as Case['status'], role).flatMap(
      (a) => eventTypeOf(a) ?? [],
    );
    return new IllegalEventError(details.status, type, allowed, details.reason);
  }
  return error;
}
