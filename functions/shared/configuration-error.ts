/**
 * A function deployed without what a request needs (a key, a secret): the stack's fault, not the caller's.
 * The HTTP edge answers 503 without internals and logs the message, which names the variable
 * (functions/http/errors.ts); a consumer's batch fails and is retried once the configuration is mended.
 */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}
