import * as z from 'zod/mini';
import {
  maxOverride,
  overrideVariable,
  PERIOD_IDS,
  type PeriodOverrides,
} from '../../domain/clocks/periods.ts';
import { lazily } from '../../domain/shared/validation.ts';
import { parseEnvironment } from './env.ts';

/**
 * The environment, one schema per concern, each parsed once at cold start by the composition root that
 * needs it — so a function requires only the variables it uses (the relay needs no table, a queue
 * consumer no cursor secret). A missing or malformed variable stops the function with its name.
 */

type Env = Record<string, string | undefined>;

/** The cases table and its endpoint (DynamoDB Local only). */
const StoreEnvironment = z.object({
  AWS_REGION: z._default(z.string().check(z.minLength(1)), 'us-east-1'),
  TABLE_NAME: z.string().check(z.minLength(3)),
  /** Only for DynamoDB Local; unset in AWS. */
  DYNAMODB_ENDPOINT: z.optional(z.url()),
});

/**
 * A statutory period's length by its id in its unit (domain/clocks/periods.ts), e.g.
 * PERIOD_COURT_DELEGATED_MEDIATION_DAYS=45, PERIOD_LIMITATION_YEARS=1. Only the overrides that are set get
 * a schema: a deployment sets none or a few, and building one for every period cost a few milliseconds of
 * every cold start.
 */
const periodOverride = (id: (typeof PERIOD_IDS)[number]) =>
  z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(maxOverride(id))));

export interface StoreConfig {
  readonly region: string;
  readonly tableName: string;
  readonly dynamodbEndpoint: string | undefined;
  readonly periods: PeriodOverrides;
}

export function loadStoreConfig(env: Env = process.env): StoreConfig {
  // A misspelt override, or one in the wrong unit (PERIOD_LIMITATION_DAYS for a period counted in years),
  // would otherwise be ignored silently.
  const known = new Set(PERIOD_IDS.map(overrideVariable));
  const unknown = Object.keys(env).filter(
    (name) => /^PERIOD_\w+_(DAYS|YEARS)$/.test(name) && !known.has(name),
  );
  if (unknown.length > 0) {
    throw new Error(`invalid store configuration: ${unknown.join(', ')}: no such period override`);
  }
  const set = PERIOD_IDS.filter((id) => env[overrideVariable(id)] !== undefined);
  const schema =
    set.length === 0
      ? StoreEnvironment
      : z.extend(
          StoreEnvironment,
          Object.fromEntries(set.map((id) => [overrideVariable(id), periodOverride(id)])),
        );
  const parsed = parseEnvironment(schema, env, 'store') as Record<string, unknown>;
  const periods: PeriodOverrides = {};
  for (const id of PERIOD_IDS) {
    const length = parsed[overrideVariable(id)];
    if (typeof length === 'number') periods[id] = length;
  }
  return {
    region: String(parsed.AWS_REGION),
    tableName: String(parsed.TABLE_NAME),
    dynamodbEndpoint: parsed.DYNAMODB_ENDPOINT as string | undefined,
    periods,
  };
}

/** Signs pagination cursors; at least 32 characters. In AWS read from CURSOR_SECRET_ARN (secrets.ts). */
const cursorEnvironment = lazily(() => z.object({ CURSOR_SECRET: z.string().check(z.minLength(32)) }));

export function loadCursorSecret(env: Env = process.env): string {
  return parseEnvironment(cursorEnvironment(), env, 'function').CURSOR_SECRET;
}

const idempotencyEnvironment = lazily(() =>
  z.object({
    IDEMPOTENCY_TABLE_NAME: z.string().check(z.minLength(3)),
    /** How long an Idempotency-Key keeps answering with the first response. */
    IDEMPOTENCY_TTL_SECONDS: z._default(
      z.coerce.number().check(z.int(), z.gte(60), z.lte(7 * 24 * 3600)),
      24 * 3600,
    ),
  }),
);

export function loadIdempotencyConfig(env: Env = process.env) {
  const parsed = parseEnvironment(idempotencyEnvironment(), env, 'idempotency');
  return { tableName: parsed.IDEMPOTENCY_TABLE_NAME, ttlSeconds: parsed.IDEMPOTENCY_TTL_SECONDS };
}
