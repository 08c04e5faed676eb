/**
 * Named domain errors. Adapters map them to transport codes in exactly one place
 * (functions/http/errors.ts); the domain never knows about HTTP.
 */

export interface FieldIssue {
  /** Path of the offending field, e.g. `workers[0].idNumber`. */
  readonly field: string;
  readonly message: string;
}

export abstract class DomainError extends Error {
  abstract readonly code: string;
  readonly details: unknown;

  constructor(message: string, details?: unknown) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}

/** Input that breaks a rule: a field is missing, malformed or inconsistent. */
export class ValidationError extends DomainError {
  readonly code = 'VALIDATION_FAILED';
  readonly issues: readonly FieldIssue[];

  constructor(issues: readonly FieldIssue[]) {
    const first = issues[0];
    super(first ? `${first.field}: ${first.message}` : 'invalid input', { issues });
    this.issues = issues;
  }

  static field(field: string, message: string): ValidationError {
    return new ValidationError([{ field, message }]);
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';

  constructor(resource: string, id: string) {
    super(`${resource} ${id} not found`, { resource, id });
  }
}

/** The action is not possible in the case's current state (or its guard refused it). */
export class IllegalTransitionError extends DomainError {
  readonly code = 'ILLEGAL_TRANSITION';
  readonly allowedActions: readonly string[];

  constructor(status: string, action: string, allowedActions: readonly string[], reason?: string) {
    super(reason ?? `action ${action} is not allowed while the case is ${status}`, {
      status,
      action,
      allowedActions,
      ...(reason ? { reason } : {}),
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
      `case version ${expected} is stale${actual === undefined ? '' : `; current version is ${actual}`}`,
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

/** The input is well formed but names something that does not exist (a post, a court, an institute). */
export class UnknownReferenceError extends DomainError {
  readonly code = 'UNKNOWN_REFERENCE';
  readonly issues: readonly FieldIssue[];

  constructor(field: string, message: string) {
    super(`${field}: ${message}`, { issues: [{ field, message }] });
    this.issues = [{ field, message }];
  }
}

/** The event is not allowed in the case's state; `allowedEvents` lists those that are. */
export class IllegalEventError extends DomainError {
  readonly code = 'ILLEGAL_EVENT';
  readonly allowedEvents: readonly string[];

  constructor(status: string, type: string, allowedEvents: readonly string[], reason?: string) {
    super(reason ?? `${type} is not allowed while the case is ${status}`, {
      status,
      type,
      allowedEvents,
      ...(reason ? { reason } : {}),
    });
    this.allowedEvents = allowedEvents;
  }
}
