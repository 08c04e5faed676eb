import type * as z from 'zod/mini';
import type { CaseStatus } from '../case/model.ts';
import type { Role } from '../shared/actor.ts';
import {
  CLOSE,
  CONFIRM_AGREEMENT,
  FAIL_PERFORMANCE,
  RECORD_PERFORMANCE,
  REJECT_CONFIRMATION,
  REQUEST_JUDICIAL_CONFIRMATION,
  REQUEST_PAYMENT_ORDER,
} from './actions/agreement.ts';
import { ACCEPT_MEDIATION, DECLINE_MEDIATION } from './actions/application.ts';
import {
  CONFIRM_ARBITRAL_REVIEW,
  REFUSE_ARBITRAL_REVIEW,
  REQUEST_ARBITRAL_REVIEW,
} from './actions/arbitral-review.ts';
import {
  ACCEPT_FOR_ARBITRATION,
  AWARD_TAKES_EFFECT,
  CONCLUDE_ARBITRATION,
  DECLINE_ARBITRATION,
  ISSUE_AWARD,
  RECORD_AWARD_EFFECTIVE,
  REFER_TO_ARBITRATION,
} from './actions/arbitration.ts';
import { EXTEND_AWARD_PERIOD, RESUME_ARBITRATION, SUSPEND_ARBITRATION } from './actions/award-period.ts';
import { cancelHandoffAction } from './actions/cancel-handoff.ts';
import {
  FILE_LITIGATION,
  RECORD_JUDGMENT,
  RECORD_SET_ASIDE_APPLICATION,
  REFER_TO_COURT,
  REJECT_SET_ASIDE,
  RETURN_TO_COURT,
  SET_ASIDE_AWARD,
} from './actions/court.ts';
import { CONCLUDE_IN_COURT, REQUEST_ENFORCEMENT } from './actions/enforcement.ts';
import { RESUME_LIMITATION, SUSPEND_LIMITATION } from './actions/limitation.ts';
import {
  ACCEPT_TRANSFER,
  ASSIGN_MEDIATOR,
  EXTEND_MEDIATION,
  FAIL_MEDIATION,
  FILE,
  RECORD_SESSION,
  RESUME_MEDIATION,
  SIGN_AGREEMENT,
  TRANSFER_TO_POST,
  WITHDRAW,
} from './actions/mediation.ts';
import { APPOINT_AGENT } from './actions/parties.ts';
import {
  RECORD_PAYMENT_OBJECTION,
  RECORD_PAYMENT_ORDER,
  REJECT_PAYMENT_ORDER,
} from './actions/payment-order.ts';
import type { ActionDefinition, Row } from './definition.ts';

/**
 * The case lifecycle as one table of actions (see definition.ts for what an entry holds), split by stage in
 * actions/. The order is the API's: the allowed-actions hint and the docs' action tables list actions in it.
 * Mediators take the first group through the API; the rest are taken by queue consumers (system) and by
 * courts and arbitration institutes.
 */
export const ACTIONS = {
  FILE,
  ACCEPT_MEDIATION,
  DECLINE_MEDIATION,
  ASSIGN_MEDIATOR,
  APPOINT_AGENT,
  RECORD_SESSION,
  EXTEND_MEDIATION,
  SIGN_AGREEMENT,
  RECORD_PERFORMANCE,
  REQUEST_JUDICIAL_CONFIRMATION,
  REQUEST_ARBITRAL_REVIEW,
  REQUEST_PAYMENT_ORDER,
  REQUEST_ENFORCEMENT,
  FAIL_MEDIATION,
  FAIL_PERFORMANCE,
  RESUME_MEDIATION,
  SUSPEND_LIMITATION,
  RESUME_LIMITATION,
  REFER_TO_ARBITRATION,
  RETURN_TO_COURT,
  REFER_TO_COURT,
  TRANSFER_TO_POST,
  CANCEL_HANDOFF: cancelHandoffAction([
    REQUEST_JUDICIAL_CONFIRMATION,
    REQUEST_ARBITRAL_REVIEW,
    REQUEST_PAYMENT_ORDER,
    REQUEST_ENFORCEMENT,
    REFER_TO_ARBITRATION,
    RETURN_TO_COURT,
    REFER_TO_COURT,
    TRANSFER_TO_POST,
  ]),
  WITHDRAW,
  CLOSE,
  ACCEPT_TRANSFER,
  ACCEPT_FOR_ARBITRATION,
  DECLINE_ARBITRATION,
  EXTEND_AWARD_PERIOD,
  SUSPEND_ARBITRATION,
  RESUME_ARBITRATION,
  ISSUE_AWARD,
  RECORD_AWARD_EFFECTIVE,
  AWARD_TAKES_EFFECT,
  CONCLUDE_ARBITRATION,
  CONFIRM_ARBITRAL_REVIEW,
  REFUSE_ARBITRAL_REVIEW,
  CONFIRM_AGREEMENT,
  REJECT_CONFIRMATION,
  RECORD_PAYMENT_ORDER,
  REJECT_PAYMENT_ORDER,
  RECORD_PAYMENT_OBJECTION,
  FILE_LITIGATION,
  RECORD_SET_ASIDE_APPLICATION,
  SET_ASIDE_AWARD,
  REJECT_SET_ASIDE,
  RECORD_JUDGMENT,
  CONCLUDE_IN_COURT,
} as const satisfies Record<string, ActionDefinition>;

/** The action that opens a case; every other action applies to an existing one. */
export const OPENING_ACTION = 'FILE';

export type ActionName = Exclude<keyof typeof ACTIONS, typeof OPENING_ACTION>;
/** The actions on an existing case, in table order. */
export const ACTION_NAMES = (Object.keys(ACTIONS) as (keyof typeof ACTIONS)[]).filter(
  (name): name is ActionName => name !== OPENING_ACTION,
);

export const isActionName = (value: unknown): value is ActionName =>
  typeof value === 'string' && (ACTION_NAMES as string[]).includes(value);

/** Each action's payload schema, by name (the API's action schema); each is built when first read. */
export const ACTION_PAYLOADS = Object.defineProperties(
  {},
  Object.fromEntries(
    ACTION_NAMES.map((name) => [name, { enumerable: true, get: () => ACTIONS[name].payload }]),
  ),
) as Record<ActionName, z.ZodMiniObject>;

/** A row of the table with the action it belongs to and who may take it. */
export interface Transition extends Row<never> {
  readonly action: ActionName;
  readonly roles: readonly Role[];
}

/** Every row of every action on an existing case, in table order. */
export const TRANSITIONS: readonly Transition[] = ACTION_NAMES.flatMap((action) =>
  ACTIONS[action].rows.map((row) => ({ ...(row as Row<never>), action, roles: ACTIONS[action].roles })),
);

export { isTerminal, TERMINAL_STATUSES } from '../case/model.ts';

/** Actions the role may attempt in a state, in table order. */
export function allowedActions(status: CaseStatus, role: Role): ActionName[] {
  const names = TRANSITIONS.filter((t) => t.from.includes(status) && t.roles.includes(role)).map(
    (t) => t.action,
  );
  return [...new Set(names)];
}

/** Every (from, to, action) edge of the table, for diagrams and reachability checks. */
export function edges(): { from: CaseStatus; to: CaseStatus; action: ActionName }[] {
  return TRANSITIONS.flatMap((t) => t.from.map((from) => ({ from, to: t.to, action: t.action })));
}
