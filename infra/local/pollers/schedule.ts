import { lambdaContext } from '../lambda-context.ts';
import type { Poller, ScheduledHandler } from './types.ts';

export interface SchedulePollerOptions {
  readonly handler: ScheduledHandler;
  readonly functionName: string;
  readonly everyMs: number;
  readonly timeoutMs: number;
  readonly region: string;
  readonly onError?: (error: unknown) => void;
}

/** An EventBridge schedule: the handler every `everyMs`, one run at a time, with a scheduled event. */
export function pollSchedule(options: SchedulePollerOptions): Poller {
  let stopping = false;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopping) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, options.everyMs);
      });
      if (stopping) break;
      try {
        await options.handler(
          {
            version: '0',
            'detail-type': 'Scheduled Event',
            source: 'aws.events',
            time: new Date().toISOString(),
          },
          lambdaContext(options.functionName, options.timeoutMs, options.region),
        );
      } catch (error) {
        options.onError?.(error);
      }
    }
  })();
  return {
    async stop() {
      stopping = true;
      wake?.();
      await loop;
    },
  };
}
