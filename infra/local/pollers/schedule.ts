import { lambdaContext } from '../lambda-context.ts';
import type { Poller, ScheduledHandler } from './types.ts';

export interface SchedulePollerOptions {
  readonly handler: ScheduledHandler;
  readonly functionName: string;
  readonly everyMs: number;
  readonly timeoutMs: number;
  readonly region: string;
  readonly onError?: (error: unknown) => void;
  /**
   * Run once at once, then every `everyMs`. The local stack does: a restart applies what a daily job would
   * (a calendar loaded before it), and the reminder sweep sets its checkpoint before anyone moves the
   * local clock, so a sweep as of a later instant catches up from today rather than from a week back.
   */
  readonly runAtStart?: boolean;
}

/** A schedule poller; `firstRun` settles once the run at start (if any) is done. */
export interface SchedulePoller extends Poller {
  readonly firstRun: Promise<void>;
}

/** An EventBridge schedule: the handler every `everyMs`, one run at a time, with a scheduled event. */
export function pollSchedule(options: SchedulePollerOptions): SchedulePoller {
  let stopping = false;
  let wake: (() => void) | undefined;
  let firstRunDone: () => void = () => undefined;
  const firstRun = new Promise<void>((resolve) => {
    firstRunDone = resolve;
  });
  const run = async () => {
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
  };
  const loop = (async () => {
    if (options.runAtStart) await run();
    firstRunDone();
    while (!stopping) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, options.everyMs);
      });
      if (stopping) break;
      await run();
    }
  })();
  return {
    firstRun,
    async stop() {
      stopping = true;
      wake?.();
      await loop;
    },
  };
}
