import type { ClockRecomputed } from '../../domain/clocks/recompute-clocks.ts';
import { logger } from '../shared/observability.ts';

/**
 * One structured log line per provisional clock counted again, by the daily recompute or by a calendar
 * load: the case and clock ids and the last days only, no names or ID numbers. A deadline still provisional
 * afterwards is a warning: the holiday calendar of its year is still missing (Civil Code art. 203).
 */
export function logRecomputed(change: ClockRecomputed): void {
  const fields = { ...change };
  if (change.provisional) logger.warn('provisional deadline: its year has no holiday calendar yet', fields);
  else logger.info('provisional deadline recomputed with the holiday calendar', fields);
}
