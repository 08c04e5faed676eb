import * as z from 'zod';
import { WARNING_ACTION_NAMES } from '../../../domain/warnings/lifecycle.ts';
import {
  INDICATOR_NAMES,
  LETTER_KINDS,
  REFERRAL_TARGETS,
  UNITS,
  WARNING_STATUSES,
} from '../../../domain/warnings/model.ts';
import { INSTANT } from './case-view.ts';
import { DISPOSITION_REPORT_ROUTE_DOCS, DispositionReportView } from './disposition-report-docs.ts';
import type { RouteDoc } from './route-doc.ts';
import { pageOf } from './schemas.ts';

/**
 * The early-warning routes (issue 20). The shapes of `GET /warnings` and `GET /warnings/{warningId}` are
 * the contract the dashboard's warnings board reads: one WarningView for both.
 */

const LEVEL = z.number().int().min(1).max(4).meta({ description: '1 most severe (red) … 4 (blue)' });
const DATE = z.string().meta({ format: 'date' });

export const CitedSignal = z
  .strictObject({
    source: z.string().meta({ description: 'the monitoring partner id, or SYSTEM for the cases' }),
    reference: z.string(),
    observedOn: DATE,
    value: z.number(),
  })
  .meta({ id: 'CitedSignal' });

export const FiredRule = z
  .strictObject({
    ruleId: z.string(),
    indicator: z.enum(INDICATOR_NAMES),
    unit: z.enum(UNITS),
    comparison: z.enum(['GTE', 'GT']),
    threshold: z.number(),
    windowDays: z.number().int(),
    level: LEVEL,
    value: z.number().meta({ description: 'what the rule saw in its window' }),
    signals: z.array(CitedSignal),
  })
  .meta({ id: 'FiredRule', description: 'A rule that fired, with the value and the signals behind it.' });

export const Disposition = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('SUPERVISION_LETTER'),
      letter: z.enum(LETTER_KINDS).meta({ description: '提示函, 意见书 or 建议书' }),
      number: z.string(),
      issuedOn: DATE,
    }),
    z.strictObject({ kind: z.literal('MEDIATION_CASE'), caseId: z.uuid() }),
    z.strictObject({ kind: z.literal('REFERRAL'), to: z.enum(REFERRAL_TARGETS), reference: z.string() }),
    z.strictObject({ kind: z.literal('NO_RISK'), note: z.string() }),
  ])
  .meta({ id: 'WarningDisposition' });

export const WarningView = z
  .strictObject({
    warningId: z.string().meta({ description: '<credit code>-<sequence>' }),
    creditCode: z.string(),
    employerName: z.string().nullable(),
    district: z.string().meta({ description: 'administrative division, 6 digits' }),
    postId: z
      .string()
      .nullable()
      .meta({ description: 'the post it is dispatched to; null while none covers the district' }),
    level: LEVEL,
    status: z.enum(WARNING_STATUSES),
    ruleVersion: z.number().int(),
    fired: z.array(FiredRule).meta({ description: 'every rule that fired, most severe first' }),
    sources: z.array(z.string()),
    acknowledgeBy: INSTANT.nullable(),
    disposeBy: INSTANT.nullable(),
    nextDueAt: INSTANT.nullable().meta({ description: 'the next deadline of its status' }),
    overdue: z.boolean(),
    disposition: Disposition.nullable(),
    suppression: z.strictObject({ reason: z.string(), until: DATE, supervisor: z.string() }).nullable(),
    history: z.array(
      z.strictObject({ at: INSTANT, action: z.string(), by: z.string(), level: LEVEL.optional() }),
    ),
    raisedAt: INSTANT,
    updatedAt: INSTANT,
    version: z.number().int(),
  })
  .meta({
    id: 'Warning',
    description: 'An early warning with its explanation: no level without its reasons.',
  });

export const WarningDetail = WarningView.extend({
  reports: z.array(DispositionReportView).meta({
    description: 'the disposition reports to the monitoring partners (once disposed; none before)',
  }),
}).meta({ id: 'WarningDetail', description: 'A warning with its explanation and its disposition reports.' });

export const EmployerRisk = z
  .strictObject({
    creditCode: z.string(),
    level: LEVEL.nullable(),
    openWarningId: z.string().nullable(),
    signals: z.array(
      z.strictObject({
        indicator: z.enum(INDICATOR_NAMES),
        unit: z.enum(UNITS),
        value: z.number(),
        periodFrom: DATE,
        periodTo: DATE,
        observedOn: DATE,
        source: z.string(),
        reference: z.string(),
      }),
    ),
    cases: z.strictObject({
      count: z.number().int(),
      caseNumbers: z.array(z.string()).meta({ description: "only the caller's post's own cases" }),
    }),
  })
  .meta({ id: 'EmployerRisk' });

const RuleRow = z.strictObject({
  id: z.string(),
  indicator: z.enum(INDICATOR_NAMES),
  unit: z.enum(UNITS),
  aggregate: z.enum(['SUM', 'MAX']),
  comparison: z.enum(['GTE', 'GT']),
  threshold: z.number(),
  windowDays: z.number().int(),
  level: LEVEL,
  source: z.string(),
});
const Days = z.strictObject({ acknowledgeDays: z.number().int(), disposeDays: z.number().int() });
const Deadlines = z.strictObject({ 1: Days, 2: Days, 3: Days, 4: Days });
export const RuleSetView = z
  .strictObject({
    version: z.number().int(),
    rules: z.array(RuleRow),
    deadlines: Deadlines,
    loadedAt: INSTANT,
    loadedBy: z.string(),
  })
  .meta({ id: 'WarningRuleSet' });

const json = (schema: z.core.$ZodType) => ({ 'application/json': schema });
const WarningId = z.strictObject({ warningId: z.string().meta({ description: 'the warning' }) });
const Command = z
  .discriminatedUnion('action', [
    z.strictObject({ action: z.enum(['ACKNOWLEDGE', 'START_VERIFICATION', 'CLOSE']) }),
    z.strictObject({ action: z.literal('DISPOSE'), disposition: Disposition }),
    z.strictObject({ action: z.literal('SUPPRESS'), reason: z.string(), until: DATE }),
  ])
  .meta({ id: 'WarningCommand', description: `One of ${WARNING_ACTION_NAMES.join(', ')}` });

/** The warning routes' entries of ROUTE_DOCS. */
export const WARNING_ROUTE_DOCS: Readonly<Record<string, RouteDoc>> = {
  ...DISPOSITION_REPORT_ROUTE_DOCS,
  'GET /warnings': {
    description:
      "Open warnings of a district by level, most severe level first and the most overdue first within it (`district`), or the caller's post's warnings (any status) by next deadline. Filters: `level`, `status`.",
    query: z.strictObject({
      level: z.enum(['1', '2', '3', '4']).optional(),
      status: z.enum(WARNING_STATUSES).optional(),
      district: z.string().optional().meta({ description: '6-digit administrative division' }),
      postId: z.string().optional().meta({ description: 'admins only' }),
      cursor: z.string().optional(),
      limit: z.string().optional(),
    }),
    success: {
      status: 200,
      description: 'A page of warnings',
      content: json(pageOf(WarningView, 'WarningPage')),
    },
    errors: [403],
  },
  'GET /warnings/{warningId}': {
    path: WarningId,
    success: {
      status: 200,
      description: 'The warning with its explanation and its disposition reports',
      content: json(WarningDetail),
    },
    errors: [404],
  },
  'POST /warnings/{warningId}/actions': {
    description:
      'Acknowledge, start the on-site verification, dispose (with a supervision letter, a mediation case, a referral or no risk found), close or suppress (a supervisor, with a reason and an expiry). A disposition is reported back to the monitoring partners whose signals raised it.',
    path: WarningId,
    body: Command,
    success: { status: 200, description: 'The warning as it became', content: json(WarningView) },
    errors: [403, 404, 409],
  },
  'GET /employers/{creditCode}/risk': {
    path: z.strictObject({ creditCode: z.string().meta({ description: 'unified social credit code' }) }),
    success: {
      status: 200,
      description: "The employer's level, signals and cases",
      content: json(EmployerRisk),
    },
  },
  'PUT /warning-rules': {
    description:
      'Loads a new version of the rule table (admins); warnings keep the version that raised them.',
    body: z.strictObject({ rules: z.array(RuleRow), deadlines: Deadlines.optional() }),
    success: { status: 200, description: 'The new version', content: json(RuleSetView) },
    errors: [403],
  },
  'GET /warning-rules': {
    success: { status: 200, description: 'The current rule table', content: json(RuleSetView) },
  },
  'PUT /districts/{district}': {
    description: 'Sets the post that covers an administrative division (admins): its warnings go there.',
    path: z.strictObject({ district: z.string().meta({ description: '6 digits' }) }),
    body: z.strictObject({ postId: z.string(), name: z.string().optional() }),
    success: {
      status: 200,
      description: 'The district',
      content: json(
        z.strictObject({ district: z.string(), postId: z.string(), name: z.string().nullable() }),
      ),
    },
    errors: [403, 422],
  },
};
