import { z } from 'zod';
import { PARTNER_ID } from '../../domain/shared/validation.ts';
import { Throttle } from './stage-fields.ts';

/** The parts of a stage's configuration (stage-config.ts) about partners: their front door and callback limits. */

/** Literal routes per partner stay far below HTTP API's 300 routes per API. */
export const MAX_THROTTLED_PARTNERS = 50;

/**
 * Partner callbacks, throttled per partner. HTTP APIs throttle routes, not callers, so each partner
 * listed here gets a literal route of its own, `POST /partners/<id>/callbacks` (matched before the
 * `{partnerId}` route), with these limits; every other caller — an unlisted partner, anyone probing —
 * shares the generic route and its `default` limits, and cannot use a listed partner's bucket.
 */
export const Callbacks = z.strictObject({
  /** The generic `POST /partners/{partnerId}/callbacks` route: low, never above `throttling`. */
  default: Throttle,
  /** By partner id, as in the partner registry. */
  partners: z
    .record(PARTNER_ID, Throttle)
    .refine((partners) => Object.keys(partners).length <= MAX_THROTTLED_PARTNERS, {
      message: `must list at most ${MAX_THROTTLED_PARTNERS} partners (one route each)`,
    }),
});

/** The generic callback route's limits never above the stage's default ones, as issues by field path. */
export function callbackIssues(stage: {
  readonly callbacks?: { readonly default?: Throttle };
  readonly throttling?: Throttle;
}): { path: (string | number)[]; message: string }[] {
  // Runs on input whose fields may already have failed: compare only what is there.
  const { callbacks, throttling } = stage;
  if (!callbacks?.default || !throttling) return [];
  return (['rateLimit', 'burstLimit'] as const)
    .filter((limit) => (callbacks.default as Throttle)[limit] > throttling[limit])
    .map((limit) => ({
      path: ['callbacks', 'default', limit],
      message: `must not exceed throttling.${limit} (${throttling[limit]}): the generic callback route is for partners nobody listed`,
    }));
}

/**
 * The partners' front door: a custom domain with mutual TLS for the partner callbacks, on an API of their
 * own whose execute-api endpoint is disabled. A caller without a client certificate issued by a CA in the
 * truststore is refused in the TLS handshake, before API Gateway counts it against any bucket; the mediator
 * API carries no callback route at all. Without it (the `cn` stage until API Gateway's mutual TLS is
 * confirmed in the China regions) the callbacks stay on the mediator API with per-partner literal routes.
 */
export const PartnerDoor = z.strictObject({
  /** The partners' host name, e.g. `partners.mediation.example.org`. */
  domainName: z
    .string()
    .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a host name'),
  /** Its server certificate: a regional ACM certificate in the stage's region. */
  certificateArn: z
    .string()
    .regex(
      /^arn:aws(-cn)?:acm:[a-z]{2}(-[a-z]+)+-\d:\d{12}:certificate\/[0-9a-f-]{36}$/,
      'must be an ACM certificate ARN',
    ),
  /**
   * The truststore's key in the stack's truststore bucket: one PEM file with the partners' client CA
   * certificates (and intermediates), uploaded by an operator (docs/deploying.md).
   */
  truststoreKey: z
    .string()
    .regex(/^[A-Za-z0-9!_.*'()/-]{1,200}\.pem$/, 'must be an S3 key ending in .pem')
    .default('partners/truststore.pem'),
});
export type PartnerDoor = z.output<typeof PartnerDoor>;

/** What is wrong with a partner door in a stage's region, if anything: a regional domain's certificate. */
export function partnerDoorIssue(door: PartnerDoor, region: string | undefined): string | null {
  if (!region || door.certificateArn.includes(`:acm:${region}:`)) return null;
  return `must be a certificate in the stage's region (${region}): a regional custom domain`;
}
