import type { Case } from '../../case/model.ts';
import { shanghaiDate } from '../../clocks/legal-time.ts';
import type { Patch } from '../definition.ts';

/**
 * The union hands the case out of its mediation — to the arbitration institute after a failed or lapsed
 * mediation (LDMAL arts. 14, 29), or to a court (a delegated mediation returned, a suit): the union's part
 * ends that Shanghai day, and the figures count it closed by referral then (docs/statistics.md). Only the
 * first referral is kept: what happens at the institute or court later does not reopen the union's part.
 */
export const referred = (c: Case, kind: 'ARBITRATION' | 'COURT', now: string): Patch =>
  c.referral ? {} : { referral: { kind, on: shanghaiDate(now) } };
