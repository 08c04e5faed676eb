import type { Case } from '../../case/model.ts';
import { shanghaiDate } from '../../clocks/legal-time.ts';

/**
 * The last day of the case's mediation period as people count it: a Shanghai date (YYYY-MM-DD), not the
 * UTC instant stored (23:59:59.999 in Shanghai is 15:59:59.999Z, which would print as the right day only
 * by luck of the offset). A guard's message names days, never instants.
 */
export const dueDate = (c: Pick<Case, 'mediationDueAt'>): string =>
  c.mediationDueAt ? shanghaiDate(c.mediationDueAt) : '—';
