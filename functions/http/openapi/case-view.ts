import * as z from 'zod';
import {
  CASE_STATUSES,
  CLAIM_CATEGORIES,
  EMPLOYER_KINDS,
  INDUSTRY_SECTIONS,
  ORIGINS,
} from '../../../domain/case/model.ts';
import { CLOCK_STATUSES, REMINDER_STAGES } from '../../../domain/clocks/model.ts';
import { PERIOD_IDS, PERIOD_UNITS, type PeriodId } from '../../../domain/clocks/periods.ts';
import { HANDOFF_STATUSES } from '../../../domain/handoffs/model.ts';
import { DESTINATION_KINDS, PARTNER_KINDS } from '../../../domain/shared/destinations.ts';
import { CASE_PARTY_FIELDS } from './case-parties.ts';

/**
 * The case as the API answers it (`GET /cases/{caseId}` and the case routes), for the OpenAPI document,
 * with the scalars and references the other answer shapes share (schemas.ts). Strict, like every answer
 * shape: a field added to the domain without a line here fails test/unit/openapi.test.ts.
 */

export const INSTANT = z.string().meta({ format: 'date-time' });
const SHANGHAI_DATE = z.string().meta({ format: 'date', description: 'a calendar date in Asia/Shanghai' });
export const STATUS = z.enum(CASE_STATUSES).meta({ id: 'CaseStatus' });
const FEN = z.number().int().nonnegative().meta({ description: 'RMB in integer fen' });

export const Destination = z
  .strictObject({
    kind: z.enum(DESTINATION_KINDS),
    id: z.string().meta({ description: 'a post id for UNION_POST, a partner id otherwise' }),
  })
  .meta({ id: 'Destination' });

export const Handoff = z
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
      industry: z.enum(INDUSTRY_SECTIONS).optional().meta({
        description: "the employer's GB/T 4754-2017 section (A–T), when recorded",
      }),
    }),
    claims: z.array(
      z.strictObject({
        category: z.enum(CLAIM_CATEGORIES),
        amountFen: FEN,
        description: z.string(),
        workerIndexes: z.array(z.number().int().nonnegative()).optional(),
        knewOn: SHANGHAI_DATE.optional(),
        subKind: z.enum(['MEDICAL_COSTS', 'BENEFITS', 'OTHER']).optional().meta({
          description: "a work injury's head: only medical costs lie within a payment order (LDMAL art. 16)",
        }),
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
    consultationId: z.uuid().optional().meta({ description: 'the consultation the case was opened from' }),
    recoveredFen: FEN.optional().meta({
      description:
        "money recovered besides the agreement's payments: recorded by a court on concluding, or paid under an award, arbitral mediation statement or judgment when the case closed",
    }),
    ...CASE_PARTY_FIELDS,
  })
  .meta({
    id: 'Case',
    description: 'A case; resident ID and mobile numbers masked, also where typed into free text.',
  });
