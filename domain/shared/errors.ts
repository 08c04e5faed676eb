import { identify, type Message, message, render } from './messages.ts';

/**
 * Named domain errors. Adapters map them to transport codes in exactly one place
 * (functions/http/errors.ts); the domain never knows about HTTP. Each error's text is a catalogue message
 * (messages.ts): `message` keeps the English for logs and existing callers, `text` the key and parameters
 * the edge renders in the caller's language.
 */

export interface FieldIssue {
  /** Path of the offending field, e.g. `workers[0].idNumber`. */
  readonly field: string;
  /** English, as logs and older clients read it. */
  readonly message: string;
  /** The catalogue message, when the catalogue knows it (found from the English if not given). */
  readonly text?: Message | null;
}

/** A message given as a catalogue entry, or as English text that the catalogue may recognise. */
export type MessageInput = string | Message;

const english = (input: MessageInput) => (typeof input === 'string' ? input : render(input, 'en'));
const known = (input: MessageInput) => (typeof input === 'string' ? identify(input) : input);

/** An issue with its catalogue message attached (found from the English when the issue has none). */
export const fieldIssue = (field: string, input: MessageInput): FieldIssue =>
  // `text` is not enumerable: an issue still serialises, spreads and compares as { field, message }.
  Object.defineProperty({ field, message: english(input) }, 'text', {
    value: known(input),
    enumerable: false,
  });

export abstract class DomainError extends Error {
  abstract readonly code: string;
  readonly details: unknown;
  /** The catalogue message, or null for English text the catalogue does not know. */
  readonly text: Message | null;

  constructor(input: MessageInput, details?: unknown) {
    super(english(input));
    this.name = new.target.name;
    this.details = details;
    this.text = known(input);
  }
}

/** Input that breaks a rule: a field is missing, malformed or inconsistent. */
export class ValidationError extends DomainError {
  readonly code = 'VALIDATION_FAILED';
  readonly issues: readonly FieldIssue[];

  constructor(issues: readonly FieldIssue[]) {
    // Issues built as plain { field, message } (zod's, a use case's own) find their catalogue entry here.
    const described = issues.map((i) => (i.text === undefined ? fieldIssue(i.field, i.message) : i));
    const first = described[0];
    super(first ? `${first.field}: ${first.message}` : message('error.invalidInput'), {
      issues: described.map(({ field, message }) => ({ field, message })),
    });
    this.issues = described;
  }

  static field(field: string, input: MessageInput): ValidationError {
    return new ValidationError([fieldIssue(field, input)]);
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';

  constructor(resource: string, id: string) {
    super(message('error.notFound', { resource, id }), { resource, id });
  }
}

/**
 * The action is not possible in the case's current state, its guard refused it, or the caller's role may
 * not take it (`reason` says which). `allowedActions` lists what this caller's role may attempt now.
 */
export class IllegalTransitionError extends DomainError {
  readonly code = 'ILLEGAL_TRANSITION';
  readonly allowedActions: readonly string[];

  constructor(
    status: string,
    action: string,
    allowedActions: readonly string[],
    reason?: MessageInput,
    extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(reason ?? message('action.notInState', { action, status }), {
      status,
      action,
      allowedActions,
      ...(reason ? { reason: english(reason) } : {}),
      ...extra,
    });
    this.allowedActions = allowedActions;
  }
}

/**
 * Optimistic concurrency lost. `asserted` tells whether the caller named the version it expected
 * (If-Match) — a stale assertion is a failed precondition, an unasserted loss is a plain conflict.
 */
export class VersionConflictError extends DomainError {
  readonly code = 'VERSION_CONFLICT';
  readonly asserted: boolean;

  constructor(expected: number, actual: number | undefined, asserted: boolean) {
    super(
      actual === undefined
        ? message('error.versionStale', { expected })
        : message('error.versionStaleCurrent', { expected, current: actual }),
      {
        expectedVersion: expected,
        ...(actual === undefined ? {} : { currentVersion: actual }),
      },
    );
    this.asserted = asserted;
  }
}

export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';
}

/** The caller used up an allowance (a person's reveals of personal data per day): answered 429. */
export class LimitExceededError extends DomainError {
  readonly code = 'LIMIT_EXCEEDED';
}

/** The input is well formed but names something that does not exist (a post, a court, an institute). */
export class UnknownReferenceError extends DomainError {
  readonly code = 'UNKNOWN_REFERENCE';
  readonly issues: readonly FieldIssue[];

  constructor(field: string, input: MessageInput) {
    const issue = fieldIssue(field, input);
    super(`${field}: ${issue.message}`, { issues: [{ field, message: issue.message }] });
    this.issues = [issue];
  }
}

/** The event is not allowed in the case's state; `allowedEvents` lists those that are. */
export class IllegalEventError extends DomainError {
  readonly code = 'ILLEGAL_EVENT';
  readonly allowedEvents: readonly string[];

  constructor(status: string, type: string, allowedEvents: readonly string[], reason?: MessageInput) {
    super(reason ?? message('callback.notInState', { type, status }), {
      status,
      type,
      allowedEvents,
      ...(reason ? { reason: english(reason) } : {}),
    });
    this.allowedEvents = allowedEvents;
  }
}
