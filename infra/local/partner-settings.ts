import { randomBytes } from 'node:crypto';
import type { Partner } from '../../functions/adapters/partners/registry.ts';
import { BUREAU_PARTNER } from './bureau.ts';
import { LocalServiceError } from './dynamodb-local.ts';

/**
 * Which partners the local stack simulates and how (partner-simulator.ts runs them): the courts, institutes
 * and bureau, their webhook secrets and the pace of the scripted decisions, from the environment.
 */

export interface SimulatedPartner {
  readonly kind: Partner['kind'];
  readonly id: string;
  readonly name: string;
  /** Refuses every handoff (403): a registered partner whose deliveries fail, to see a FAILED handoff. */
  readonly refusesAll?: boolean;
  /** The union posts it may open cases at; by default every post the local stack seeds. */
  readonly posts?: readonly string[];
}

/** The simulated partners, named in Chinese as their documents name them; the ids stay ASCII (URLs). */
export const DEFAULT_PARTNERS: readonly SimulatedPartner[] = [
  // Shinan District People's Court
  { kind: 'COURT', id: 'qd-shinan-court', name: '青岛市市南区人民法院（模拟）' },
  // Qingdao Intermediate People's Court: hears the employer's application to set a final award aside (LDMAL
  // art. 49) and reports it on a case it was never handed; also a court a case was not delegated by.
  { kind: 'COURT', id: 'qd-intermediate-court', name: '山东省青岛市中级人民法院（模拟）' },
  // Qingdao Labour and Personnel Dispute Arbitration Commission
  { kind: 'ARBITRATION', id: 'qd-arbitration', name: '青岛市劳动人事争议仲裁委员会（模拟）' },
  {
    kind: 'ARBITRATION',
    id: 'qd-closed-arbitration',
    // A commission that refuses every handoff (403), to see a FAILED handoff.
    name: '已停止受理的仲裁委员会（模拟：拒收所有移交）',
    refusesAll: true,
  },
  BUREAU_PARTNER,
];

export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

/** The partners' shared local secret from LOCAL_PARTNER_SECRET (`whsec_` + base64), if it is set. */
export function localPartnerSecret(
  env: Record<string, string | undefined> = process.env,
): string | undefined {
  const value = env.LOCAL_PARTNER_SECRET;
  if (value === undefined || value === '') return undefined;
  if (!/^whsec_[A-Za-z0-9+/]{24,}={0,2}$/.test(value)) {
    throw new LocalServiceError(
      'LOCAL_PARTNER_SECRET must be whsec_ followed by base64 (at least 24 characters)',
    );
  }
  return value;
}

/** The time between scripted decisions: LOCAL_PARTNER_STEP_MS, or 2 s. */
export function localPartnerStepMs(env: Record<string, string | undefined> = process.env): number {
  const value = env.LOCAL_PARTNER_STEP_MS;
  if (value === undefined || value === '') return DEFAULT_STEP_MS;
  const ms = Number(value);
  if (!/^\d+$/.test(value) || ms > 3_600_000) {
    throw new LocalServiceError('LOCAL_PARTNER_STEP_MS must be whole milliseconds, at most 3600000');
  }
  return ms;
}

export const DEFAULT_STEP_MS = 2000;
