/**
 * An SDK client without its logger middleware. That middleware builds the log line of every call — the
 * whole input and output walked against the operation's schema to mask sensitive members — before handing
 * it to the client's logger, even when the logger is the SDK's default no-op one. No client here is given
 * a logger (our own log lines are the Logger's), so each call would pay that walk for nothing: a few per
 * cent of the CPU of a DynamoDB call, more for a transaction of large items.
 */
export function withoutSdkLogging<C extends { readonly middlewareStack: { remove(name: string): boolean } }>(
  client: C,
): C {
  client.middlewareStack.remove('loggerMiddleware');
  return client;
}
