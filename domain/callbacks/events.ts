import * as z from 'zod/mini';
import { intakeSchema } from '../case/intake.ts';
import type { Case, Origin } from '../case/model.ts';
import { setAsideCourt } from '../lifecycle/actions/court.ts';
import { ACTION_NAMES, ACTIONS, type ActionName } from '../lifecycle/table.ts';
import type { PartnerKind } from '../shared/destinations.ts';
import { DATE, lazily, POST_ID, TEXT } from '../shared/validation.ts';

/**
 * What courts and arbitration institutes report back (DOMAIN.md, "What courts and arbitration institutes
 * report back"), as callback event types. Each type either opens a case at a union post or takes one
 * action of the lifecycle table (the action's `callback`); its `data` is that action's payload schema.
 */

/** The events that open a case: a court delegates pre-litigation mediation, an institute offers pre-arbitration mediation. */
export const OPENING_EVENTS = {
  'court.mediation_delegated': { kind: 'COURT', origin: 'COURT_DELEGATED' },
  'arbitration.mediation_requested': { kind: 'ARBITRATION', origin: 'ARBITRATION_PRE_MEDIATION' },
} as const satisfies Record<string, { kind: PartnerKind; origin: Origin }>;
export type OpeningEventType = keyof typeof OPENING_EVENTS;

/** The event types that take an action, read from the table: `court.judgment` → RECORD_JUDGMENT. */
export const ACTION_EVENTS: Readonly<Record<string, { kind: PartnerKind; action: ActionName }>> =
  Object.fromEntries(
    ACTION_NAMES.flatMap((action) => {
      const type = ACTIONS[action].callback;
      if (!type) return [];
      const kind: PartnerKind = type.startsWith('court.') ? 'COURT' : 'ARBITRATION';
      return [[type, { kind, action }]];
    }),
  );

/**
 * Court events on a case the reporting court was never handed: the employer applies to set a final award
 * aside at the intermediate court directly (LDMAL art. 49). A court finds the case by naming its final
 * award (`awardReference`); the ruling is taken only from the court the application is before. Any other
 * court still gets "not found".
 */
export const UNHANDED_COURT_EVENTS: Readonly<
  Record<string, (c: Case, data: Readonly<Record<string, unknown>>, courtId: string) => boolean>
> = {
  'court.set_aside_applied': (c, data) =>
    c.award?.final === true && c.award.reference === data.awardReference,
  'court.award_set_aside': (c, _data, courtId) => setAsideCourt(c) === courtId,
  'court.set_aside_rejected': (c, _data, courtId) => setAsideCourt(c) === courtId,
  // Either party may sue on a non-final award (LDMAL art. 50): the employer's suit is filed without the
  // union; the court finds the case by naming the award, while it is open to a suit.
  'court.litigation_filed': (c, data) =>
    c.award?.final === false &&
    c.award.reference === data.awardReference &&
    (c.status === 'AWARDED' || c.status === 'AWARD_EFFECTIVE'),
};

/** Every event type a partner may send, arbitration first. */
export const PARTNER_EVENT_TYPES: readonly string[] = [
  ...Object.keys(OPENING_EVENTS),
  ...Object.keys(ACTION_EVENTS),
].sort();

export const isOpeningEvent = (type: string): type is OpeningEventType => type in OPENING_EVENTS;

/** The event type that takes an action, if a partner may take it. */
export function eventTypeOf(action: ActionName): string | undefined {
  return ACTIONS[action].callback;
}

/** The callback body: `{ type, caseId?, handoffId?, data }`; `data` is checked against the type's schema. */
export const CallbackEnvelope = z.strictObject({
  type: z.enum(PARTNER_EVENT_TYPES as [string, ...string[]], 'must be a known partner event type'),
  caseId: z.optional(z.uuid('must be a case id (UUID)')),
  handoffId: z.optional(z.uuid('must be a handoff id (UUID)')),
  data: z.record(z.string(), z.unknown(), 'must be an object'),
});
export type CallbackEnvelope = z.output<typeof CallbackEnvelope>;

/**
 * The data of an opening event: the parties and claims in the same schema as `POST /cases`, the union post
 * the partner names, its own reference, and the date it received the application or delegated the case.
 */
export const openingDataSchema = lazily(() =>
  z.extend(z.omit(intakeSchema(), { origin: true, postId: true }), {
    postId: POST_ID,
    reference: TEXT(64),
    receivedOn: DATE,
  }),
);
export type OpeningData = z.output<ReturnType<typeof openingDataSchema>>;

/** The event types as a Markdown table (docs/lifecycle.md): who sends each, what it does, from which states to which. */
export function callbackEventsTable(): string {
  const opening = Object.entries(OPENING_EVENTS).map(
    ([type, o]) =>
      `| \`${type}\` | ${o.kind.toLowerCase()} | opens a case (origin ${o.origin}) | — | FILED |`,
  );
  const acting = Object.entries(ACTION_EVENTS).map(([type, { kind, action }]) => {
    const rows = ACTIONS[action].rows;
    const from = [...new Set(rows.flatMap((r) => r.from))].join(', ');
    const to = [...new Set(rows.map((r) => r.to))].join(' or ');
    return `| \`${type}\` | ${kind.toLowerCase()} | \`${action}\` | ${from} | ${to} |`;
  });
  return [
    '| event type | sent by | takes | from | to |',
    '| --- | --- | --- | --- | --- |',
    ...opening,
    ...acting,
  ].join('\n');
}
