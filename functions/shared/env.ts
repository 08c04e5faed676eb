import type { z } from 'zod/mini';
import '../../domain/shared/zod-locale.ts';

/**
 * Parses a function's environment with its schema, once at cold start. A missing or malformed variable
 * stops the function with a message naming it, instead of failing later on a request.
 */
export function parseEnvironment<S extends z.ZodMiniType>(
  schema: S,
  env: Record<string, string | undefined>,
  label: string,
): z.output<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid ${label} configuration: ${problems}`);
  }
  return parsed.data;
}
