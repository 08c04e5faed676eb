/** The local event sources, one module per kind (infra/local/pollers/). */
export { pollQueue, type QueuePollerOptions } from './pollers/queue.ts';
export { pollSchedule, type SchedulePollerOptions } from './pollers/schedule.ts';
export { pollStream, type StreamPollerOptions } from './pollers/stream.ts';
export type { Poller, QueueHandler, ScheduledHandler, StreamHandler } from './pollers/types.ts';
