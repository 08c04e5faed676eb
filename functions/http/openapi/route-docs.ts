import * as z from 'zod';
import { CallbackEnvelope, PARTNER_EVENT_TYPES } from '../../../domain/callbacks/events.ts';
import { intakeSchema } from '../../../domain/case/intake.ts';
import { DUE_WINDOWS } from '../../../domain/case/list-cases.ts';
import { CASE_STATUSES } from '../../../domain/case/model.ts';
import { CalendarYearBody } from '../../../domain/clocks/calendar-years.ts';
import { PostInput } from '../../../domain/directory/model.ts';
import { ACTION_PAYLOADS, ACTIONS, type ActionName } from '../../../domain/lifecycle/table.ts';
import { HUMAN_ROLES } from '../../../domain/shared/actor.ts';
import { DESTINATION_KINDS, PARTNER_KINDS } from '../../../domain/shared/destinations.ts';
import { PARTNER_ID, POST_ID } from '../../../domain/shared/validation.ts';
import { AUDIT_ROUTE_DOCS } from './audit-docs.ts';
import { CONSULTATION_ROUTE_DOCS } from './consultation-docs.ts';
import { DocsQuery } from './reference-page.ts';
import { REMINDER_ROUTE_DOCS } from './reminder-docs.ts';
import type { RouteDoc } from './route-doc.ts';
import {
  CaseEvent,
  CaseSummary,
  CaseView,
  HandoffRecord,
  IfMatch,
  Paging,
  PartnerListing,
  Post,
  pageOf,
} from './schemas.ts';
import { FiledCaseView, SEALING_ROUTE_DOCS } from './sealing-docs.ts';
import { STATS_ROUTE_DOCS } from './stats-docs.ts';
import { WARNING_ROUTE_DOCS } from './warning-docs.ts';

/** What the calendar routes answer (domain/clocks/calendar-years.ts `CalendarYearView`). */
const CalendarYearAnswer = z.strictObject({
  year: z.number().int(),
  source: z.enum(['ADMIN', 'PACKAGE', 'NONE']),
  restDays: z.array(z.iso.date()),
  workingDays: z.array(z.iso.date()),
  updatedAt: z.iso.datetime().optional(),
  updatedBy: z.string().optional(),
});

/**
 * What the OpenAPI document says about each route beyond the catalogue's method, path, summary and
 * whether it is public (functions/catalogue.ts): its parameters, body, answers. Keyed `METHOD /path`; a
 * route of the catalogue without an entry here fails test/unit/openapi.test.ts. The request schemas are
 * the ones the handlers validate with (domain/, request.ts), not copies.
 */

const json = (schema: z.core.$ZodType) => ({ 'application/json': schema });

const CaseId = z.strictObject({ caseId: z.uuid().meta({ description: 'the case' }) });
const CaseHeaders = z.strictObject({
  ETag: z.string().meta({ description: 'the case version, e.g. "3"; send it back as If-Match' }),
});

/** The actions people take through the API (the others come from the pipeline, courts and institutes). */
export const HUMAN_ACTIONS = (Object.keys(ACTION_PAYLOADS) as ActionName[]).filter((name) =>
  ACTIONS[name].roles.some((role) => (HUMAN_ROLES as readonly string[]).includes(role)),
);

/** `{ "action": NAME, ...payload }`, one variant per action of the table (domain/lifecycle/table.ts). */
const ActionCommand = z
  .discriminatedUnion(
    'action',
    HUMAN_ACTIONS.map((name) =>
      z.strictObject({ action: z.literal(name), ...ACTION_PAYLOADS[name].shape }).meta({ title: name }),
    ) as unknown as [z.ZodObject, ...z.ZodObject[]],
  )
  .meta({ id: 'ActionCommand' });

export const ROUTE_DOCS: Readonly<Record<string, RouteDoc>> = {
  ...REMINDER_ROUTE_DOCS,
  ...CONSULTATION_ROUTE_DOCS,
  ...STATS_ROUTE_DOCS,
  ...WARNING_ROUTE_DOCS,
  ...AUDIT_ROUTE_DOCS,
  ...SEALING_ROUTE_DOCS,
  'GET /health': {
    success: {
      status: 200,
      description: 'Alive',
      content: json(z.strictObject({ status: z.literal('ok') })),
    },
  },
  'GET /openapi.json': {
    success: {
      status: 200,
      description: 'This document',
      content: json(z.record(z.string(), z.unknown()).meta({ description: 'an OpenAPI 3.1 document' })),
    },
  },
  'GET /docs': {
    description:
      'The browsable reference to this document (Swagger UI), served with its script and style sheet by the API itself: it loads nothing from another host.',
    query: DocsQuery,
    success: {
      status: 200,
      description: 'The page, or one of its assets',
      content: {
        'text/html': z.string(),
        'text/javascript': z.string(),
        'text/css': z.string(),
      },
    },
  },
  'POST /cases': {
    body: intakeSchema(),
    success: {
      status: 201,
      description: 'Filed',
      content: json(FiledCaseView),
      headers: CaseHeaders.extend({ Location: z.string().meta({ description: '/cases/{caseId}' }) }),
    },
    errors: [403],
  },
  'GET /cases': {
    description: "The caller's post's cases, newest first; admins may name another post.",
    query: z.strictObject({
      status: z.enum(CASE_STATUSES).optional(),
      due: z
        .enum(DUE_WINDOWS)
        .optional()
        .meta({ description: 'the desk: cases by their next statutory deadline, soonest first' }),
      postId: z.optional(POST_ID).meta({ description: 'admins only' }),
      number: z.string().optional().meta({
        description:
          "one case by its number: a page of it alone, or an empty page (another post's case, unless an admin asks); not with status, due or cursor",
        example: 'QD-SN-01-2026-000042',
      }),
      ...Paging,
    }),
    success: { status: 200, description: 'A page of cases', content: json(pageOf(CaseSummary, 'CasePage')) },
  },
  'GET /cases/{caseId}': {
    path: CaseId,
    success: { status: 200, description: 'The case', content: json(CaseView), headers: CaseHeaders },
    errors: [404],
  },
  'POST /cases/{caseId}/actions': {
    description:
      'Applies one action of the lifecycle table. A 409 names the actions allowed now in `details.allowedActions`.',
    path: CaseId,
    headers: z.strictObject({ 'If-Match': IfMatch }),
    body: ActionCommand,
    success: {
      status: 200,
      description: 'The case after the action',
      content: json(CaseView),
      headers: CaseHeaders,
    },
    errors: [404, 409, 412],
  },
  'GET /cases/{caseId}/history': {
    path: CaseId,
    query: z.strictObject(Paging),
    success: {
      status: 200,
      description: 'A page of events, oldest first',
      content: json(pageOf(CaseEvent, 'CaseEventPage')),
    },
    errors: [404],
  },
  'GET /cases/{caseId}/handoffs': {
    path: CaseId,
    query: z.strictObject(Paging),
    success: {
      status: 200,
      description: 'A page of handoffs, oldest first',
      content: json(pageOf(HandoffRecord, 'HandoffPage')),
    },
    errors: [404],
  },
  'POST /handoffs/{handoffId}/retry': {
    description: 'Admins only. Safe to repeat: a second retry is a 409, the handoff is no longer FAILED.',
    path: z.strictObject({ handoffId: z.uuid() }),
    success: { status: 202, description: 'Queued again', content: json(HandoffRecord) },
    errors: [404, 409],
  },
  'POST /dead-letters/{kind}/redrive': {
    description: 'Admins only. Moves up to `limit` parked messages; call again while `moved` equals `limit`.',
    path: z.strictObject({ kind: z.enum(DESTINATION_KINDS) }),
    query: z.strictObject({
      limit: z
        .string()
        .regex(/^\d{1,3}$/)
        .optional()
        .meta({ description: 'messages to move, 1 to 100 (default 50)' }),
    }),
    success: {
      status: 200,
      description: 'How many moved',
      content: json(z.strictObject({ kind: z.enum(DESTINATION_KINDS), moved: z.number().int() })),
    },
  },
  'GET /calendar/{year}': {
    description:
      'Any role. The rest days and make-up working days in force for a year and where they come from: an admin load (ADMIN), the chinese-days package (PACKAGE) or nothing (NONE: deadlines in that year are provisional).',
    path: z.strictObject({ year: z.string().regex(/^\d{4}$/) }),
    success: { status: 200, description: 'The year in force', content: json(CalendarYearAnswer) },
  },
  'PUT /calendar/{year}': {
    description:
      'Admins only. Replaces the year whole (a retry is harmless): every date a real date of that year, none twice or in both lists, make-up working days on a Saturday or Sunday.',
    path: z.strictObject({ year: z.string().regex(/^\d{4}$/) }),
    body: CalendarYearBody,
    success: { status: 200, description: 'The year now in force (ADMIN)', content: json(CalendarYearAnswer) },
  },
  'GET /partners': {
    description: 'For a mediator choosing where to refer a case. A short list: not paged.',
    query: z.strictObject({ kind: z.enum(PARTNER_KINDS).optional() }),
    success: {
      status: 200,
      description: 'The registered partners',
      content: json(z.strictObject({ items: z.array(PartnerListing) })),
    },
  },
  'GET /posts': {
    query: z.strictObject(Paging),
    success: { status: 200, description: 'A page of posts, by id', content: json(pageOf(Post, 'PostPage')) },
  },
  'PUT /posts/{postId}': {
    description: 'Admins only. Idempotent: the same body twice leaves the same post.',
    path: z.strictObject({ postId: POST_ID }),
    body: PostInput,
    success: { status: 200, description: 'The post as saved', content: json(Post) },
  },
  'POST /partners/{partnerId}/callbacks': {
    description: [
      'A court or arbitration institute reports a decision: one event opens a case or takes one action of the lifecycle table, with that action’s payload as `data`.',
      'The Standard Webhooks signature is checked over the raw body before anything is read or written (401 otherwise). The `webhook-id` is kept with the effect: a replay answers the first answer and changes nothing; the same id with another body is a 409.',
      `Event types: ${PARTNER_EVENT_TYPES.map((t) => `\`${t}\``).join(', ')}.`,
    ].join('\n\n'),
    webhook: true,
    path: z.strictObject({ partnerId: PARTNER_ID }),
    body: CallbackEnvelope,
    success: {
      status: 200,
      description: 'Applied (or replayed): the case it opened or changed',
      content: json(
        CaseView.pick({ caseId: true, status: true, version: true }).meta({ id: 'CallbackResult' }),
      ),
    },
    errors: [404, 409, 422],
  },
};

export { ERRORS, type ErrorStatus, type RouteDoc, type Success } from './route-doc.ts';
