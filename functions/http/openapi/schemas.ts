import * as z from 'zod';
import {
  CASE_EVENT_TYPES,
  CASE_STATUSES,
  CLAIM_CATEGORIES,
  EMPLOYER_KINDS,
  ORIGINS,
} from '../../../domain/case/model.ts';
import { CLOCK_STATUSES, REMINDER_STAGES } from '../../../domain/clocks/model.ts';
import { PERIOD_IDS, PERIOD_UNITS, type PeriodId } from '../../../domain/clocks/periods.ts';
import { HANDOFF_STATUSES } from '../../../domain/handoffs/model.ts';
import { HUMAN_ROLES, SYSTEM_ROLES } from '../../../domain/shared/actor.ts';
import { DESTINATION_KINDS, PARTNER_KINDS } from '../../../domain/shared/destinations.ts';
import { MAX_PAGE_SIZE } from '../../../domain/shared/page.ts';
import { PageQuery } from '../request.ts';
import { CASE_PARTY_FIELDS } from './case-parties.ts';

/**
 * What the API answers, for the OpenAPI document. The requests are described by the very schemas the
 * handlers validate with (domain/, request.ts); the answers are domain types (TypeScript interfaces), so
 * their shapes are written here, once, from the enums the domain exports. They are strict: a unit test
 * parses real answers of the use cases with them, so a field added to the domain without a line here fails
 * (test/unit/openapi.test.ts).
 */

const INSTANT = z.string().meta({ format: 'date-time' });
const SHANGHAI_DATE = z.string().meta({ format: 'date', description: 'a calendar date in Asia/Shanghai' });
const STATUS = z.enum(CASE_STATUSES).meta({ id: 'CaseStatus' });
const FEN = z.number().int().nonnegative().meta({ description: 'RMB in integer fen' });

const Destination = z
  .strictObject({
    kind: z.enum(DESTINATION_KINDS),
    id: z.string().meta({ description: 'a post id for UNION_POST, a partner id otherwise' }),
  })
  .meta({ id: 'Destination' });

const Handoff = z
  .strictObject({
    handoffId: z.uuid(),
    destination: Destination,
    purpose: z.string(),
    fromStatus: STATUS.optional(),
    status: z.enum(HANDOFF_STATUSES).optional(),
  })
  .meta({
    id: 'HandoffRef',
    description: 'A handoff out of the post, as the case and its events refer to it.',
  });

export const CaseView = z
  .strictObject({
    caseId: z.uuid(),
    caseNumber: z.string().meta({ example: 'QD-SN-01-2026-000042' }),
    postId: z.string(),
    origin: z.enum(ORIGINS),
    workers: z.array(
      z.strictObject({
        name: z.string(),
        idNumber: z.string().meta({ description: 'masked', example: '370***********1234' }),
        phone: z.string().meta({ description: 'masked', example: '138****5678' }),
      }),
    ),
    employer: z.strictObject({
      name: z.string(),
      kind: z.enum(EMPLOYER_KINDS),
      creditCode: z.string().optional().meta({ description: "an ORGANISATION's unified social credit code" }),
      idNumber: z.string().optional().meta({
        description: "a NATURAL_PERSON's or WORK_TEAM head's ID number, masked",
        example: '370***********1234',
      }),
    }),
    claims: z.array(
      z.strictObject({
        category: z.enum(CLAIM_CATEGORIES),
        amountFen: FEN,
        description: z.string(),
        workerIndexes: z.array(z.number().int().nonnegative()).optional(),
        knewOn: SHANGHAI_DATE.optional(),
      }),
    ),
    claimedFen: FEN,
    summary: z.string(),
    newEmploymentForm: z.boolean(),
    platform: z.string().nullable(),
    collective: z.boolean().meta({ description: 'ten or more workers with a common claim (LDMAL art. 7)' }),
    status: STATUS,
    version: z.number().int().positive().meta({ description: 'the ETag of the case' }),
    createdAt: INSTANT,
    updatedAt: INSTANT,
    receivedOn: SHANGHAI_DATE.meta({
      description: 'the mediation application was received (the period counts from it)',
    }),
    knewOn: SHANGHAI_DATE.nullable(),
    employmentEndedOn: SHANGHAI_DATE.nullable(),
    clocks: z.array(
      z
        .strictObject({
          clockId: z.string(),
          clock: z.enum(PERIOD_IDS as [PeriodId, ...PeriodId[]]),
          basis: z.string(),
          unit: z.enum(PERIOD_UNITS),
          startedOn: SHANGHAI_DATE,
          dueOn: SHANGHAI_DATE,
          dueAt: INSTANT,
          status: z.enum(CLOCK_STATUSES),
          provisional: z.boolean(),
          reminders: z.array(z.strictObject({ stage: z.enum(REMINDER_STAGES), on: SHANGHAI_DATE })),
          updatedVersion: z.number().int(),
          handledVersion: z
            .number()
            .int()
            .optional()
            .meta({ description: 'an expired clock: the version of the action that dealt with it' }),
          adjustments: z
            .array(
              z.strictObject({
                kind: z.enum(['EXTENDED', 'PAUSED']),
                days: z.number().int().nonnegative().meta({ description: "in the clock's unit" }),
                basis: z.string().meta({ description: 'the basis of an extension, the reason for a pause' }),
                from: SHANGHAI_DATE,
                to: SHANGHAI_DATE.optional().meta({ description: 'a pause: the day it resumed' }),
              }),
            )
            .optional()
            .meta({ description: 'extensions granted and pauses ended: the due date includes their days' }),
          pausedOn: SHANGHAI_DATE.optional().meta({ description: 'a PAUSED clock: since when' }),
          pauseReason: z.string().optional().meta({ description: 'a PAUSED clock: why' }),
        })
        .meta({ id: 'Clock', description: 'A statutory clock on the case (docs/legal-basis.md).' }),
    ),
    mediationDueAt: INSTANT,
    mediationDueAtProvisional: z.boolean(),
    mediatorId: z.string().nullable(),
    sessionsHeld: z.number().int().nonnegative(),
    lastSessionAt: INSTANT.nullable(),
    agreement: z
      .strictObject({
        terms: z.string(),
        amountFen: FEN,
        performBy: SHANGHAI_DATE,
        signedAt: INSTANT,
        paidFen: FEN,
        items: z
          .array(z.strictObject({ claim: z.number().int().nonnegative(), amountFen: FEN }))
          .optional()
          .meta({
            description: 'the amount per claim (by its position in claims); absent on older agreements',
          }),
        instalments: z
          .array(z.strictObject({ dueOn: SHANGHAI_DATE, amountFen: FEN, paidFen: FEN }))
          .optional()
          .meta({ description: 'the instalment schedule with what has been paid towards each' }),
        signatures: z
          .strictObject({
            workers: z.array(z.number().int().nonnegative()),
            employer: z.strictObject({ representative: z.string(), sealed: z.boolean() }),
            mediator: z.string(),
            organisationSeal: z.literal(true),
          })
          .optional()
          .meta({ description: 'who signed (LDMAL art. 14); absent on older agreements' }),
        effectiveOn: SHANGHAI_DATE.optional().meta({
          description: 'the day it took effect; the confirmation and review windows count from it',
        }),
      })
      .nullable(),
    lastHandoff: Handoff.nullable(),
    formerPosts: z.array(z.strictObject({ postId: z.string(), untilVersion: z.number().int() })),
    outcome: z.string().nullable(),
    source: z
      .strictObject({
        kind: z.enum(PARTNER_KINDS),
        id: z.string(),
        reference: z.string(),
        receivedOn: SHANGHAI_DATE,
      })
      .nullable(),
    decisions: z.array(
      z.strictObject({
        type: z.string().meta({ example: 'arbitration.award_issued' }),
        partnerId: z.string(),
        reference: z.string().nullable(),
        decidedOn: SHANGHAI_DATE,
        version: z.number().int(),
      }),
    ),
    award: z
      .strictObject({ reference: z.string(), final: z.boolean(), awardFen: FEN, servedOn: SHANGHAI_DATE })
      .nullable(),
    arbitralStatement: z
      .strictObject({ kind: z.enum(['MEDIATION', 'REVIEW']), reference: z.string(), issuedOn: SHANGHAI_DATE })
      .optional()
      .meta({
        description:
          "the arbitration institute's enforceable mediation statement: its own mediation (LDMAL arts. 42, 51) or its review of the agreement (MOHRSS Rules 2017 arts. 74–77)",
      }),
    reportedSuit: z
      .strictObject({ courtId: z.string(), reference: z.string(), filedOn: SHANGHAI_DATE })
      .optional()
      .meta({
        description:
          'a suit on a non-final award a court reported without a handoff (LDMAL art. 50: the employer’s)',
      }),
    ...CASE_PARTY_FIELDS,
  })
  .meta({
    id: 'Case',
    description: 'A case; resident ID and mobile numbers masked, also where typed into free text.',
  });

export const CaseSummary = z
  .strictObject({
    ...CaseView.pick({
      caseId: true,
      caseNumber: true,
      postId: true,
      origin: true,
      status: true,
      version: true,
      createdAt: true,
      updatedAt: true,
      mediationDueAt: true,
      mediatorId: true,
      collective: true,
      newEmploymentForm: true,
      claimedFen: true,
    }).shape,
    employerName: z.string(),
    workerCount: z.number().int().positive(),
    nextDueAt: INSTANT.optional().meta({ description: 'the earliest end of a running clock (desk lists)' }),
  })
  .meta({ id: 'CaseSummary', description: 'A case in a list: no worker names, ID numbers or phones.' });

const Actor = z.strictObject({
  sub: z.string(),
  role: z.enum([...HUMAN_ROLES, ...SYSTEM_ROLES]),
  postId: z.string(),
});

export const CaseEvent = z
  .strictObject({
    caseId: z.uuid(),
    version: z.number().int().positive(),
    seq: z.number().int().nonnegative(),
    type: z.enum(CASE_EVENT_TYPES),
    action: z.string(),
    actor: Actor,
    at: INSTANT,
    from: STATUS.nullable(),
    to: STATUS,
    payload: z
      .record(z.string(), z.unknown())
      .meta({ description: 'what was decided, without personal data' }),
    handoff: Handoff.optional(),
  })
  .meta({ id: 'CaseEvent' });

export const HandoffRecord = z
  .strictObject({
    handoffId: z.uuid(),
    caseId: z.uuid(),
    requestedVersion: z.number().int().positive(),
    destination: Destination,
    purpose: z.string(),
    fromPostId: z.string(),
    requestedAt: INSTANT,
    requestedBy: z.string(),
    status: z.enum(HANDOFF_STATUSES),
    attempts: z.number().int().nonnegative(),
    dispatch: z.number().int().positive(),
    lastAttemptAt: INSTANT.nullable(),
    lastError: z.string().nullable(),
    deliveredAt: INSTANT.nullable(),
    partnerReference: z.string().nullable(),
    failedAt: INSTANT.nullable(),
  })
  .meta({ id: 'Handoff' });

/** A page of a list (domain/shared/page.ts). */
export const pageOf = (item: z.ZodType, id: string) =>
  z
    .strictObject({
      items: z.array(item),
      nextCursor: z
        .string()
        .nullable()
        .meta({ description: 'pass as `cursor` for the next page; null when there is no more' }),
    })
    .meta({ id });

/** `{ "error": { code, message, details } }`, the one shape of every error (functions/http/errors.ts). */
export const ApiError = z
  .strictObject({
    error: z.strictObject({
      code: z.string().meta({ example: 'VALIDATION_FAILED' }),
      message: z.string(),
      details: z.unknown().meta({
        description:
          'null, or what the code needs: `issues` [{ field, message }] for VALIDATION_FAILED, `allowedActions` for ILLEGAL_TRANSITION, `currentVersion` for PRECONDITION_FAILED',
      }),
    }),
  })
  .meta({ id: 'Error' });

/** What API Gateway answers by itself (a throttled request): not the API's error shape. */
export const GatewayError = z
  .strictObject({ message: z.string().meta({ example: 'Too Many Requests' }) })
  .meta({ id: 'GatewayError' });

/** A copy of a schema (the handlers' are zod/mini) carrying OpenAPI metadata; the original stays bare. */
export const described = <T extends z.core.$ZodType>(schema: T, meta: z.core.GlobalMeta): T => {
  const copy = z.clone(schema);
  z.globalRegistry.add(copy, meta);
  return copy;
};

/** The query parameters that page a list (request.ts), with what they mean. */
export const Paging = {
  cursor: described(PageQuery.cursor, {
    description: 'the `nextCursor` of the previous page (opaque, signed)',
  }),
  limit: described(PageQuery.limit, { description: `items per page, 1 to ${MAX_PAGE_SIZE} (default 20)` }),
};

export const IdempotencyKey = z
  .string()
  .regex(/^[\x21-\x7e]{1,255}$/)
  .optional()
  .meta({
    description:
      'makes a retry return the first answer and change nothing (kept 24 h, scoped to the caller and path); the same key with a different request is a 422',
  });

export const IfMatch = z
  .string()
  .optional()
  .meta({ description: 'the ETag of the case the action expects, e.g. "3"; a stale one is a 412' });

export const Post = z
  .strictObject({
    postId: z.string().meta({ example: 'QD-SN-01' }),
    name: z.string(),
    district: z.string(),
    updatedAt: INSTANT,
    updatedBy: z.string(),
  })
  .meta({ id: 'Post' });

export const PartnerListing = z
  .strictObject({ kind: z.enum(PARTNER_KINDS), id: z.string(), name: z.string() })
  .meta({ id: 'Partner', description: 'A court or arbitration institute; never its endpoint or secrets.' });
