import { ValidationError } from '../shared/errors.ts';
import { parseOrThrow } from '../shared/validation.ts';
import { ACTION_NAMES, ACTIONS, type ActionName, isActionName } from './table.ts';

/** A command as the table accepts it: a known action and its payload, validated by the action's schema. */
export interface ParsedCommand {
  readonly action: ActionName;
  readonly payload: Record<string, unknown>;
}

/**
 * Validates a command without looking at any case: the action must be in the table and the payload must
 * pass its schema. The state-dependent checks (rows, roles, guards) are decide()'s.
 */
export function parseCommand(command: Record<string, unknown>): ParsedCommand {
  const { action, ...rest } = command;
  const name = actionNameOf(action);
  return { action: name, payload: parseOrThrow(ACTIONS[name].payload, rest) as Record<string, unknown> };
}

/** The action a command names, or the ValidationError that lists the actions there are. */
export function actionNameOf(value: unknown): ActionName {
  if (!isActionName(value)) {
    throw ValidationError.field('action', `must be one of ${ACTION_NAMES.join(', ')}`);
  }
  return value;
}
