import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { z } from 'zod';
import { PARTNER_ID } from '../../domain/shared/validation.ts';

/** Every retention CloudWatch Logs accepts, in days; "never expire" is not offered. */
export const LOG_RETENTION_DAYS: readonly number[] = Object.values(RetentionDays).filter(
  (value): value is number => typeof value === 'number' && value !== RetentionDays.INFINITE,
);

const Origin = z.url().refine((value) => {
  const url = URL.parse(value);
  return url?.origin === value && (url.protocol === 'https:' || url.hostname === 'localhost');
}, 'must be an origin such as https://mediation.example.org (https, no path, no trailing slash)');

/** API Gateway limits of one route (or the stage's default for every route): a token bucket of its own. */
const Throttle = z.strictObject({
  /** Steady-state requests per second. */
  rateLimit: z.number().positive().max(10_000),
  /** Bucket size for bursts. */
  burstLimit: z.number().int().positive().max(5_000),
});
export type Throttle = z.output<typeof Throttle>;

/** Literal routes per partner stay far below HTTP API's 300 routes per API. */
export const MAX_THROTTLED_PARTNERS = 50;

/**
 * One deployment stage. Parsed at synth time: a bad value stops `cdk synth` with a message naming the field,
 * before anything reaches CloudFormation.
 */
const StageFields = z.strictObject({
  /** Short and lower case; every resource name starts with `ldm-<name>-`. `local` is the local stack's. */
  name: z
    .string()
    .regex(/^[a-z][a-z0-9]{1,9}$/, 'must be 2–10 lower-case letters or digits, starting with a letter')
    .refine((name) => name !== 'local', 'is reserved for the local stack'),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as ap-southeast-1'),
  /** Pins the stacks to one account; without it they deploy to the account of the credentials in use. */
  account: z
    .string()
    .regex(/^\d{12}$/, 'must be a 12-digit AWS account id')
    .optional(),
  /** Production keeps data when a stack or resource is removed: RETAIN and deletion protection. */
  production: z.boolean(),
  logRetentionDays: z.number().refine((days) => LOG_RETENTION_DAYS.includes(days), {
    message: `must be one of the retention periods CloudWatch Logs accepts: ${LOG_RETENTION_DAYS.join(', ')}`,
  }),
  /** Where alarms are sent; the subscription must be confirmed from the mailbox once. */
  alarmEmail: z.email(),
  cors: z.strictObject({
    /** Browser origins of the mediator front end; never `*`. */
    allowedOrigins: z.array(Origin).min(1),
  }),
  /** The API's default route limits: each route gets a bucket of this size (HTTP APIs throttle per route). */
  throttling: Throttle,
  /**
   * Partner callbacks, throttled per partner. HTTP APIs throttle routes, not callers, so each partner
   * listed here gets a literal route of its own, `POST /partners/<id>/callbacks` (matched before the
   * `{partnerId}` route), with these limits; every other caller — an unlisted partner, anyone probing —
   * shares the generic route and its `default` limits, and cannot use a listed partner's bucket.
   */
  callbacks: z.strictObject({
    /** The generic `POST /partners/{partnerId}/callbacks` route: low, never above `throttling`. */
    default: Throttle,
    /** By partner id, as in the partner registry. */
    partners: z
      .record(PARTNER_ID, Throttle)
      .refine((partners) => Object.keys(partners).length <= MAX_THROTTLED_PARTNERS, {
        message: `must list at most ${MAX_THROTTLED_PARTNERS} partners (one route each)`,
      }),
  }),
});

/** The stage's fields, and the rules between them. */
export const StageConfigSchema = StageFields.superRefine((stage, context) => {
  // Runs on input whose fields may already have failed: compare only what is there.
  if (!stage.callbacks?.default || !stage.throttling) return;
  for (const limit of ['rateLimit', 'burstLimit'] as const) {
    if (stage.callbacks.default[limit] > stage.throttling[limit]) {
      context.addIssue({
        code: 'custom',
        path: ['callbacks', 'default', limit],
        message: `must not exceed throttling.${limit} (${stage.throttling[limit]}): the generic callback route is for partners nobody listed`,
      });
    }
  }
});
export type StageConfig = z.output<typeof StageConfigSchema>;

/** The named stages. Account and alarm e-mail can be given at deploy time (see `resolveStage`). */
export const STAGES = {
  dev: {
    name: 'dev',
    region: 'ap-southeast-1',
    production: false,
    logRetentionDays: 30,
    alarmEmail: 'ldm-dev-alarms@example.org',
    cors: { allowedOrigins: ['http://localhost:5173', 'https://dev.mediation.example.org'] },
    throttling: { rateLimit: 20, burstLimit: 40 },
    callbacks: {
      default: { rateLimit: 1, burstLimit: 2 },
      partners: {
        'qd-shinan-court': { rateLimit: 5, burstLimit: 10 },
        'qd-arbitration': { rateLimit: 5, burstLimit: 10 },
      },
    },
  },
  prod: {
    name: 'prod',
    region: 'ap-southeast-1',
    production: true,
    logRetentionDays: 365,
    alarmEmail: 'ldm-duty-officer@example.org',
    cors: { allowedOrigins: ['https://mediation.example.org'] },
    throttling: { rateLimit: 100, burstLimit: 200 },
    callbacks: {
      default: { rateLimit: 2, burstLimit: 5 },
      partners: {
        'qd-shinan-court': { rateLimit: 20, burstLimit: 40 },
        'qd-arbitration': { rateLimit: 20, burstLimit: 40 },
      },
    },
  },
} as const satisfies Record<string, z.input<typeof StageConfigSchema>>;

export type StageName = keyof typeof STAGES;

/** Values that may come from `cdk -c key=value` and override the named stage's. */
const OVERRIDABLE = ['account', 'region', 'alarmEmail'] as const;

/**
 * The validated configuration of a stage: the named stage from `STAGES`, with `account`, `region` and
 * `alarmEmail` optionally overridden from CDK context. Throws naming every bad field.
 */
export function resolveStage(stage: string, overrides: Record<string, unknown> = {}): StageConfig {
  if (!Object.hasOwn(STAGES, stage)) {
    throw new Error(`unknown stage "${stage}"; the stages are ${Object.keys(STAGES).join(', ')}`);
  }
  const base: Record<string, unknown> = { ...STAGES[stage as StageName] };
  for (const key of OVERRIDABLE) {
    if (overrides[key] !== undefined) base[key] = overrides[key];
  }
  return parseStageConfig(base, `stage "${stage}"`);
}

/** Parses any candidate stage configuration; the error names each offending field. */
export function parseStageConfig(candidate: unknown, label = 'stage'): StageConfig {
  const parsed = StageConfigSchema.safeParse(candidate);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new Error(`invalid configuration for ${label}: ${problems}`);
  }
  return parsed.data;
}

/** `ldm-<stage>-<name>`: every deployed resource name carries the stage. */
export const resourceName = (stage: StageConfig, name: string) => `ldm-${stage.name}-${name}`;
