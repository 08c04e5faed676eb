import { z } from 'zod';

/** The parts of a stage's configuration (stage-config.ts) that describe its limits, sign-in, alarms and backups. */

/** API Gateway limits of one route (or the stage's default for every route): a token bucket of its own. */
export const Throttle = z.strictObject({
  /** Steady-state requests per second. */
  rateLimit: z.number().positive().max(10_000),
  /** Bucket size for bursts. */
  burstLimit: z.number().int().positive().max(5_000),
});
export type Throttle = z.output<typeof Throttle>;

/** Where the mediators sign in: the JWT authorizer checks the issuer's signature, issuer and audience. */
export const SignIn = z.discriminatedUnion('provider', [
  /** A Cognito user pool in the stateful stack (not in the China regions: Cognito user pools do not exist there). */
  z.strictObject({ provider: z.literal('cognito') }),
  /** Any OpenID Connect issuer, e.g. the federation's identity provider: its JWKS must be reachable over https. */
  z.strictObject({
    provider: z.literal('oidc'),
    /** The `iss` of its tokens, as its `/.well-known/openid-configuration` states it. */
    issuer: z.url().refine((value) => value.startsWith('https://'), 'must be an https URL'),
    /** Accepted `aud` (or `client_id`) values: the mediator app's client ids at the provider. */
    audience: z.array(z.string().min(1)).min(1),
  }),
]);

/**
 * Where the role and the post are in the token. Absent: `role` or `custom:role`, `postId` or `custom:postId`
 * (what the Cognito pool issues). The functions get them as AUTH_ROLE_CLAIM and AUTH_POST_CLAIM.
 */
export const Claims = z.strictObject({
  role: z.string().regex(/^[\w:./-]{1,64}$/, 'must be a claim name'),
  post: z.string().regex(/^[\w:./-]{1,64}$/, 'must be a claim name'),
});

/** Who hears an alarm besides `alarmEmail`: SNS subscriptions, each confirmed once by its recipient. */
export const AlarmSubscription = z.discriminatedUnion('protocol', [
  z.strictObject({ protocol: z.literal('email'), endpoint: z.email() }),
  z.strictObject({
    protocol: z.literal('sms'),
    endpoint: z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number such as +8613800000000'),
  }),
  z.strictObject({
    protocol: z.literal('https'),
    endpoint: z.url().refine((value) => value.startsWith('https://'), 'must be an https URL'),
  }),
]);

/** AWS Backup of the tables, on top of their continuous point-in-time recovery (35 days). */
export const Backup = z.strictObject({
  /** How long each daily recovery point is kept. */
  retentionDays: z.number().int().min(7).max(3650),
  /** A copy of each daily recovery point in a second region and, if `account` is given, a second account. */
  copyTo: z
    .strictObject({
      region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as ap-east-1'),
      account: z
        .string()
        .regex(/^\d{12}$/, 'must be a 12-digit AWS account id')
        .optional(),
    })
    .optional(),
  /**
   * Vault lock in compliance mode: after `changeableForDays` nobody, not even the account root, can delete
   * a recovery point younger than `minRetentionDays` or remove the lock.
   */
  lock: z
    .strictObject({
      minRetentionDays: z.number().int().min(1).max(36500),
      changeableForDays: z.number().int().min(3).max(36500),
    })
    .optional(),
});

/**
 * Route limits by kind of route, sized from the load model (docs/performance.md, "Running it at national scale"):
 * every route of a kind gets a bucket of this size. Partner callbacks have their own (`callbacks`).
 */
export const RouteThrottles = z.strictObject({
  /** GET routes behind the authorizer: case lists, a case, its history, reminders, posts, partners. */
  reads: Throttle,
  /** POST and PUT routes of mediators: filing, actions, acknowledging reminders. */
  actions: Throttle,
  /** Routes marked "(admin)": calendar, posts, handoff retries, dead-letter redrives. */
  admin: Throttle,
  /** The public routes without a token: GET /health, /openapi.json, /docs. */
  public: Throttle,
});
export type RouteThrottles = z.output<typeof RouteThrottles>;

/**
 * The supervisors' dashboard under a domain of the federation's own (infra/cdk/constructs/dashboard-site.ts).
 * Optional in the aws partition (without it the page is served at the distribution's `*.cloudfront.net`
 * name); required for the page to exist at all in the China regions, where CloudFront serves no content on
 * its default `*.cloudfront.cn` name and only an ICP-recorded alternate domain works.
 */
export const DashboardDomain = z.strictObject({
  /** The ICP-recorded (China) or the federation's own host name, e.g. `stats.mediation.example.cn`. */
  domainName: z
    .string()
    .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a host name'),
  /**
   * Its TLS certificate: an ACM certificate ARN in us-east-1 (aws), or the id of a certificate uploaded to
   * the IAM certificate store (aws-cn: CloudFront there does not take ACM certificates).
   */
  certificate: z
    .string()
    .regex(
      /^(arn:aws:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]{36}|[A-Z0-9]{21})$/,
      'must be an ACM certificate ARN in us-east-1 or an IAM server certificate id',
    ),
});
export type DashboardDomain = z.output<typeof DashboardDomain>;
