import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { z } from 'zod';
import { ApiFront, apiFrontIssue } from './stage-edge.ts';
import {
  AlarmSubscription,
  Backup,
  Claims,
  DashboardDomain,
  RouteThrottles,
  SignIn,
  Throttle,
} from './stage-fields.ts';
import { Callbacks, callbackIssues, PartnerDoor, partnerDoorIssue } from './stage-partners.ts';

export type { RouteThrottles, Throttle } from './stage-fields.ts';
export { MAX_THROTTLED_PARTNERS } from './stage-partners.ts';

/** Every retention CloudWatch Logs accepts, in days; "never expire" is not offered. */
export const LOG_RETENTION_DAYS: readonly number[] = Object.values(RetentionDays).filter(
  (value): value is number => typeof value === 'number' && value !== RetentionDays.INFINITE,
);

const Origin = z.url().refine((value) => {
  const url = URL.parse(value);
  return url?.origin === value && (url.protocol === 'https:' || url.hostname === 'localhost');
}, 'must be an origin such as https://mediation.example.org (https, no path, no trailing slash)');

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
  /** `aws-cn` for the China regions (cn-north-1, cn-northwest-1), where fewer services exist. */
  partition: z.enum(['aws', 'aws-cn']),
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
  /** Further alarm recipients: the on-call hook, a duty phone. */
  alarmSubscriptions: z.array(AlarmSubscription).max(20).default([]),
  signIn: SignIn,
  claims: Claims.optional(),
  backup: Backup,
  routes: RouteThrottles,
  cors: z.strictObject({
    /** Browser origins of the mediator front end; never `*`. */
    allowedOrigins: z.array(Origin).min(1),
  }),
  /** The dashboard's own domain; without it no dashboard in aws-cn (see DashboardDomain). */
  dashboard: DashboardDomain.optional(),
  /** Per-caller limits: CloudFront + WAF rate rules by IP and by token in front of the API (see ApiFront). */
  apiFront: ApiFront.optional(),
  /** Partner callbacks behind mutual TLS on their own domain and API (see PartnerDoor). */
  partnerDoor: PartnerDoor.optional(),
  /** The API's default route limits: each route gets a bucket of this size (HTTP APIs throttle per route). */
  throttling: Throttle,
  /** Partner callbacks, throttled per partner (see Callbacks). */
  callbacks: Callbacks,
});

/** The stage's fields, and the rules between them. */
export const StageConfigSchema = StageFields.superRefine((stage, context) => {
  const china = stage.partition === 'aws-cn';
  if (stage.region && stage.partition && stage.region.startsWith('cn-') !== china) {
    context.addIssue({
      code: 'custom',
      path: ['partition'],
      message: `is ${stage.partition} but region ${stage.region} is ${china ? 'not ' : ''}a China region`,
    });
  }
  if (china && stage.signIn?.provider === 'cognito') {
    context.addIssue({
      code: 'custom',
      path: ['signIn', 'provider'],
      message: 'Cognito user pools do not exist in the China regions: use an OIDC issuer',
    });
  }
  if (stage.production && stage.backup && !stage.backup.lock) {
    context.addIssue({
      code: 'custom',
      path: ['backup', 'lock'],
      message: 'is required in production: recovery points nobody can delete early',
    });
  }
  if (stage.backup?.copyTo?.account && !stage.account) {
    context.addIssue({
      code: 'custom',
      path: ['backup', 'copyTo', 'account'],
      message: "needs the stage's own account (account) for the copy vault's access policy",
    });
  }
  if (stage.backup?.copyTo?.region === stage.region && !stage.backup.copyTo.account) {
    context.addIssue({
      code: 'custom',
      path: ['backup', 'copyTo', 'region'],
      message: 'must differ from the stage region (or name another account)',
    });
  }
  const doorIssue = stage.partnerDoor && partnerDoorIssue(stage.partnerDoor, stage.region);
  if (doorIssue)
    context.addIssue({ code: 'custom', path: ['partnerDoor', 'certificateArn'], message: doorIssue });
  const site = stage.dashboard;
  if (site && site.certificate.startsWith('arn:') === china) {
    const want = china ? 'an IAM server certificate id (no ACM in CloudFront China)' : 'an ACM ARN';
    context.addIssue({ code: 'custom', path: ['dashboard', 'certificate'], message: `must be ${want}` });
  }
  if (site && stage.cors && !stage.cors.allowedOrigins.includes(`https://${site.domainName}`)) {
    context.addIssue({
      code: 'custom',
      path: ['dashboard', 'domainName'],
      message: `https://${site.domainName} must be in cors.allowedOrigins: the page calls the API from there`,
    });
  }
  const frontIssue = stage.apiFront && apiFrontIssue(stage.apiFront, stage.partition);
  if (frontIssue) context.addIssue({ code: 'custom', ...frontIssue });
  for (const issue of callbackIssues(stage)) context.addIssue({ code: 'custom', ...issue });
});
export type StageConfig = z.output<typeof StageConfigSchema>;

/** The named stages. Account and alarm e-mail can be given at deploy time (see `resolveStage`). */
export const STAGES = {
  dev: {
    name: 'dev',
    region: 'ap-southeast-1',
    partition: 'aws',
    production: false,
    logRetentionDays: 30,
    alarmEmail: 'ldm-dev-alarms@example.org',
    signIn: { provider: 'cognito' },
    backup: { retentionDays: 7 },
    routes: {
      reads: { rateLimit: 20, burstLimit: 40 },
      actions: { rateLimit: 10, burstLimit: 20 },
      admin: { rateLimit: 2, burstLimit: 5 },
      public: { rateLimit: 2, burstLimit: 5 },
    },
    cors: { allowedOrigins: ['http://localhost:5173', 'https://dev.mediation.example.org'] },
    apiFront: { perIp: 1_000, perToken: 300, windowSeconds: 300 },
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
    partition: 'aws',
    production: true,
    logRetentionDays: 365,
    alarmEmail: 'ldm-duty-officer@example.org',
    alarmSubscriptions: [
      { protocol: 'sms', endpoint: '+6580000000' },
      { protocol: 'https', endpoint: 'https://oncall.example.org/hooks/ldm-prod' },
    ],
    signIn: { provider: 'cognito' },
    backup: {
      retentionDays: 35,
      copyTo: { region: 'ap-northeast-1' },
      lock: { minRetentionDays: 35, changeableForDays: 3 },
    },
    // The load model (docs/performance.md, "Running it at national scale"): 385 requests/s at a 5× peak, lists half of it.
    routes: {
      reads: { rateLimit: 250, burstLimit: 500 },
      actions: { rateLimit: 60, burstLimit: 120 },
      admin: { rateLimit: 5, burstLimit: 10 },
      public: { rateLimit: 10, burstLimit: 20 },
    },
    cors: { allowedOrigins: ['https://mediation.example.org'] },
    // A mediator's busiest minute is a few clicks a second; a post's office shares one address (docs/operations.md).
    apiFront: { perIp: 3_000, perToken: 600, windowSeconds: 300 },
    partnerDoor: {
      domainName: 'partners.mediation.example.org',
      certificateArn:
        'arn:aws:acm:ap-southeast-1:111122223333:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d',
    },
    throttling: { rateLimit: 100, burstLimit: 200 },
    callbacks: {
      default: { rateLimit: 2, burstLimit: 5 },
      partners: {
        'qd-shinan-court': { rateLimit: 20, burstLimit: 40 },
        'qd-arbitration': { rateLimit: 20, burstLimit: 40 },
      },
    },
  },
  /**
   * The national deployment in the China (Ningxia) region: mediators sign in at the federation's identity
   * provider (OIDC; Cognito user pools do not exist there), recovery points are copied to Beijing.
   */
  cn: {
    name: 'cn',
    region: 'cn-northwest-1',
    partition: 'aws-cn',
    production: true,
    logRetentionDays: 365,
    alarmEmail: 'ldm-duty-officer@example.cn',
    alarmSubscriptions: [{ protocol: 'https', endpoint: 'https://oncall.example.cn/hooks/ldm-cn' }],
    signIn: {
      provider: 'oidc',
      issuer: 'https://id.federation.example.cn/realms/mediation',
      audience: ['ldm-mediator-app'],
    },
    claims: { role: 'ldm_role', post: 'ldm_post' },
    backup: {
      retentionDays: 35,
      copyTo: { region: 'cn-north-1' },
      lock: { minRetentionDays: 35, changeableForDays: 3 },
    },
    cors: { allowedOrigins: ['https://mediation.example.cn'] },
    throttling: { rateLimit: 100, burstLimit: 200 },
    routes: {
      reads: { rateLimit: 250, burstLimit: 500 },
      actions: { rateLimit: 60, burstLimit: 120 },
      admin: { rateLimit: 5, burstLimit: 10 },
      public: { rateLimit: 10, burstLimit: 20 },
    },
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

/** The stage's throttle for a route, by its kind (callback routes are throttled by `callbacks`). */
export function routeThrottleKind(route: {
  readonly method: string;
  readonly auth: boolean;
  readonly summary: string;
}): keyof RouteThrottles {
  if (!route.auth) return 'public';
  if (/\(admin\)/.test(route.summary)) return 'admin';
  return route.method === 'GET' ? 'reads' : 'actions';
}

/** `ldm-<stage>-<name>`: every deployed resource name carries the stage. */
export const resourceName = (stage: StageConfig, name: string) => `ldm-${stage.name}-${name}`;
