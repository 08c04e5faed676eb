import type { Clock } from '../../domain/shared/ports.ts';

/**
 * The system clock. LOCAL_CLOCK_OFFSET_MS moves it, for the local stack's clock control only
 * (infra/local/gateway.ts, `POST /_local/clock`); nothing sets it in AWS.
 */
export const systemClock: Clock = {
  now: () => new Date(Date.now() + Number(process.env.LOCAL_CLOCK_OFFSET_MS ?? 0)).toISOString(),
};
