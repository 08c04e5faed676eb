import * as z from 'zod';
import { CASE_EVENT_TYPES } from '../../../domain/case/model.ts';
import { HANDOFF_STATUSES } from '../../../domain/handoffs/model.ts';
import { HUMAN_ROLES, SYSTEM_ROLES } from '../../../domain/shared/actor.ts';
import { PARTNER_KINDS } from '../../../domain/shared/destinations.ts';
import { MAX_PAGE_SIZE } from '../../../domain/shared/page.ts';
import { PageQuery } from '../request.ts';
import { CaseView, Destination, Handoff, INSTANT, STATUS } from './case-view.ts';

/**
 * What the API answers, for the OpenAPI document. The requests are described by the very schemas the
 * handlers validate with (domain/, request.ts); the answers are domain types (TypeScript interfaces), so
 * their shapes are written here, once, from the enums the domain exports. They are strict: a unit test
 * parses real answers of the use cases with them, so a field added to the domain without a line here fails
 * (test/unit/openapi.test.ts). The case itself, and the scalars the shapes share, are in case-view.ts.
 */

export { CaseView } from './case-view.ts';

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
