import { z } from 'zod';

/** The part of a stage's configuration (stage-config.ts) about the mediator API's per-caller limits. */

/** The evaluation windows AWS WAF's rate-based rules accept, in seconds. */
export const WAF_WINDOWS = [60, 120, 300, 600] as const;

/** A rate-based rule's limit: AWS WAF takes 10 requests per window at the least. */
const Limit = z.number().int().min(10).max(2_000_000_000);

/**
 * Per-caller limits for the mediator API (infra/cdk/constructs/api-front.ts): a CloudFront distribution in
 * front of it with an AWS WAF web ACL (scope CLOUDFRONT, in a stack of its own in us-east-1) whose
 * rate-based rules count each client IP and each bearer token on their own, so one caller over its limit
 * is answered 429 at the edge while everyone else keeps their share of the API's route buckets. The API
 * answers 403 to any request that did not come through the distribution (a secret origin header).
 * Absent on `cn`: AWS WAF exists only at the regional level in the China regions, so no web ACL can be
 * attached to CloudFront there (docs/deploying.md).
 */
export const ApiFront = z.strictObject({
  /** Requests one client IP may send per window, across every route: a post's office shares one address. */
  perIp: Limit,
  /** Requests one bearer token (the `authorization` header's value) may send per window. */
  perToken: Limit,
  /** The window both rules count over, in seconds (60, 120, 300 or 600). */
  windowSeconds: z
    .number()
    .refine((seconds) => (WAF_WINDOWS as readonly number[]).includes(seconds), {
      message: `must be one of ${WAF_WINDOWS.join(', ')} (seconds AWS WAF counts over)`,
    })
    .default(300),
  /** AWS's managed common rule set (OWASP-style checks) in front of the rate rules; 700 WCU of 1,500. */
  managedCommonRules: z.boolean().default(true),
});
export type ApiFront = z.output<typeof ApiFront>;

/** What is wrong with per-caller limits on a stage, if anything: the China partition has no CloudFront WAF. */
export function apiFrontIssue(
  front: { readonly perIp?: number; readonly perToken?: number },
  partition: string | undefined,
): { path: string[]; message: string } | null {
  if (partition === 'aws-cn') {
    return {
      path: ['apiFront'],
      message:
        'is not available in aws-cn: AWS WAF is regional only in the China regions (no web ACL on CloudFront), and CloudFront there needs an ICP-recorded domain',
    };
  }
  if (front.perIp !== undefined && front.perToken !== undefined && front.perToken > front.perIp) {
    return {
      path: ['apiFront', 'perToken'],
      message: `must not exceed perIp (${front.perIp}): a token is used from one address at a time`,
    };
  }
  return null;
}
