/** Small ports every use case may need; adapters provide them, tests fake them. */

export interface Clock {
  /** The current instant as a UTC ISO-8601 string. */
  now(): string;
}

export interface IdGenerator {
  caseId(): string;
  handoffId(): string;
  /** The same id for the same name (a partner's reference): a case opened twice is found, not doubled. */
  caseIdFor?(name: string): string;
}
