import { DESTINATION_KINDS, type DestinationKind } from '../domain/shared/destinations.ts';
import { HANDOFF_QUEUES } from './adapters/sqs/queues.ts';
import { FIGURES_FUNCTIONS } from './catalogue-figures.ts';
import { HTTP_TIMEOUT_SECONDS, http, pascal, READ, READ_RECORDED, WRITE } from './catalogue-http.ts';
import { SWEEP_FUNCTIONS } from './catalogue-sweep.ts';
import { TRUST_FUNCTIONS } from './catalogue-trust.ts';
import type { FunctionEntry, Trigger } from './catalogue-types.ts';
import { WARNING_FUNCTIONS } from './catalogue-warnings.ts';

/**
 * Every deployed function, listed once: its module, what triggers it, its limits and what it may touch.
 * The CDK stack deploys from this list (function, grants, trigger, alarms), the local stack serves and
 * polls from it; adding a function is one entry here and its handler module.
 */

export { SLA_SWEEP } from './catalogue-sweep.ts';
export type { Access, FunctionEntry, HttpMethod, Trigger } from './catalogue-types.ts';

/** The stream relay: one batch per shard, pending handoffs only; `bounds`: see wireStream (infra/cdk). */
export const HANDOFF_RELAY = {
  batchSize: 100,
  timeoutSeconds: 30,
  bounds: { maxRecordAgeSeconds: 60 * 60, retryAttempts: 10 },
  /** Lambda event-source filter: only handoff records that are pending. */
  filter: { dynamodb: { NewImage: { itemType: { S: ['HANDOFF'] }, status: { S: ['PENDING'] } } } },
} as const;

/**
 * The statistics consumer: case and consultation images only. Its bounds are the relay's; a record it
 * drops after them is a count the `stats:rebuild` tool finds and repairs (the cases are the truth).
 */
export const STATS_AGGREGATOR = {
  batchSize: 100,
  timeoutSeconds: 60,
  bounds: { maxRecordAgeSeconds: 24 * 60 * 60, retryAttempts: 10 },
  filter: { dynamodb: { NewImage: { itemType: { S: ['CASE', 'CONSULTATION'] } } } },
} as const;

/**
 * The sweeper: on a schedule, dispatches again through the outbox any handoff still PENDING long after
 * it was requested with no attempt since (a lost stream record, a message that never arrived).
 */
export const HANDOFF_SWEEPER = {
  everyMinutes: 10,
  /** Older than any handoff the pipeline is still working on: 5 receives × 180 s visibility = 15 min. */
  staleAfterMinutes: 30,
  batch: 200,
  timeoutSeconds: 60,
} as const;

/** Recomputes provisional clocks once a day: a calendar year an admin loads is applied within a day. */
export const RECOMPUTE_PROVISIONAL = { everyMinutes: 24 * 60, timeoutSeconds: 300 } as const;

/** The consumer of one handoff queue. */
const consumer = (queue: DestinationKind, entry: string, description: string): FunctionEntry => {
  const label = queue.toLowerCase().replace(/_/g, '-');
  const design = HANDOFF_QUEUES[queue];
  return {
    name: `queue-${label}`,
    id: `${pascal(label)}HandoffConsumer`,
    entry,
    description: `${design.name} → ${description}`,
    trigger: { kind: 'queue', queue, batchSize: design.batchSize },
    timeoutSeconds: design.consumerTimeoutSeconds,
    access: {
      cases: 'write',
      consumeHandoffs: queue,
      // A court's or institute's package carries the parties in full where the law routes them (unsealed).
      ...(queue === 'UNION_POST' ? {} : { partners: 'find' as const, sealing: 'open' as const }),
    },
  };
};

export const FUNCTIONS: readonly FunctionEntry[] = [
  http(
    'health',
    'GET',
    '/health',
    'liveness',
    {},
    'GET /health is the public liveness probe (auth: false in the route table): it touches no storage and returns only {"status":"ok"}.',
  ),
  http(
    'openapi',
    'GET',
    '/openapi.json',
    'the OpenAPI 3.1 document of this API',
    {},
    'GET /openapi.json is the public API description: generated from the catalogue and the request schemas, it touches no storage and holds no data, only routes and shapes.',
  ),
  http(
    'docs',
    'GET',
    '/docs',
    'the browsable API reference (Swagger UI)',
    {},
    'GET /docs is the public reference page on /openapi.json: static HTML, script and styles served by the function itself; it touches no storage and holds no data.',
  ),
  http('create-case', 'POST', '/cases', 'file a case', WRITE),
  // Reads of cases append access records (domain/audit): READ_RECORDED.
  http('list-cases', 'GET', '/cases', "list the caller's post's cases", READ_RECORDED),
  http('get-case', 'GET', '/cases/{caseId}', 'read a case', READ_RECORDED),
  // Whether a court or institute an action names exists comes from the listing: no partner secrets.
  http('apply-action', 'POST', '/cases/{caseId}/actions', 'apply a lifecycle action', {
    ...WRITE,
    partners: 'list',
  }),
  http('get-history', 'GET', '/cases/{caseId}/history', "the case's events", READ_RECORDED),
  http(
    'list-handoffs',
    'GET',
    '/cases/{caseId}/handoffs',
    "the case's handoffs with status and attempts",
    READ_RECORDED,
  ),
  http(
    'retry-handoff',
    'POST',
    '/handoffs/{handoffId}/retry',
    'dispatch a failed handoff again (admin)',
    // No body, safe to repeat: it keeps no Idempotency-Key receipts.
    { cases: 'write', cursorSecret: true },
  ),
  http(
    'redrive-dead-letters',
    'POST',
    '/dead-letters/{kind}/redrive',
    'move parked handoff messages back to their queue (admin)',
    { redriveDeadLetters: DESTINATION_KINDS },
  ),
  http('get-calendar', 'GET', '/calendar/{year}', "a year's holiday calendar in force and its source", {
    calendar: 'read',
  }),
  http(
    'put-calendar',
    'PUT',
    '/calendar/{year}',
    "load a year's statutory rest days and make-up working days (admin)",
    // The cases too: a load recomputes the provisional deadlines of its year at once (the daily job the rest).
    { calendar: 'write', cases: 'write' },
  ),
  http(
    'list-partners',
    'GET',
    '/partners',
    'the registered courts and arbitration institutes (no endpoints, no secrets)',
    { partners: 'list' },
  ),
  // The post directory's partition only: the listing reads no case.
  http('list-posts', 'GET', '/posts', 'the union posts directory', { posts: 'read', cursorSecret: true }),
  http('put-post', 'PUT', '/posts/{postId}', 'add or rename a union post (admin)', { posts: 'write' }),
  http(
    'list-reminders',
    'GET',
    '/reminders',
    "the caller's post's reminders of statutory deadlines (supervisors also see escalations)",
    READ,
  ),
  // No body, safe to repeat (acknowledging twice returns the first): it keeps no Idempotency-Key receipts.
  // Writes the reminder, an item of its case's partition, and no other kind of item.
  http('ack-reminder', 'POST', '/reminders/{reminderId}/ack', "acknowledge a reminder of the caller's post", {
    cases: 'case-items',
  }),
  ...FIGURES_FUNCTIONS,
  ...WARNING_FUNCTIONS,
  ...TRUST_FUNCTIONS,
  {
    name: 'http-partner-callback',
    id: 'PartnerCallbackFunction',
    entry: 'functions/callbacks/partner-callback.ts',
    description: 'POST /partners/{partnerId}/callbacks: a court or arbitration institute reports a decision',
    trigger: {
      kind: 'http',
      method: 'POST',
      path: '/partners/{partnerId}/callbacks',
      summary: 'a court or arbitration institute reports a decision (signed webhook)',
      publicBecause:
        'Courts and arbitration institutes hold no user-pool tokens: every callback is verified by its Standard Webhooks signature (HMAC over the raw body with the partner’s registered secret, 5-minute timestamp tolerance) before anything is read or written.',
    },
    timeoutSeconds: HTTP_TIMEOUT_SECONDS,
    // Opens and acts on cases (and numbers them): case items only, never the calendar or the post directory;
    // a monitoring.signal may dispatch a warning: published to the warnings topic.
    // An opening is checked for duplicate filings: the duplicate MAC, its markers and review pairs.
    access: {
      cases: 'case-items',
      idempotency: true,
      partners: 'find',
      publishWarnings: true,
      findsDuplicates: true,
    },
  },
  {
    name: 'handoff-relay',
    id: 'HandoffRelay',
    entry: 'functions/streams/handoff-relay.ts',
    description: 'Cases table stream → handoff queues (transactional outbox relay)',
    trigger: { kind: 'stream', ...HANDOFF_RELAY },
    timeoutSeconds: HANDOFF_RELAY.timeoutSeconds,
    access: { caseStream: true, sendHandoffs: DESTINATION_KINDS },
  },
  {
    name: 'stats-aggregator',
    id: 'StatsAggregator',
    entry: 'functions/streams/stats-aggregator.ts',
    description: 'Cases table stream → the contributions and sharded counters of GET /stats',
    trigger: { kind: 'stream', ...STATS_AGGREGATOR },
    timeoutSeconds: STATS_AGGREGATOR.timeoutSeconds,
    access: { caseStream: true, cases: 'write' },
  },
  consumer('UNION_POST', 'functions/queues/union-post-handoffs.ts', 'the receiving post'),
  consumer('ARBITRATION', 'functions/queues/partner-handoffs.ts', 'the partner webhook'),
  consumer('COURT', 'functions/queues/partner-handoffs.ts', 'the partner webhook'),
  {
    name: 'handoff-sweeper',
    id: 'HandoffSweeper',
    entry: 'functions/schedules/handoff-sweeper.ts',
    description: `Every ${HANDOFF_SWEEPER.everyMinutes} min: dispatch again handoffs pending over ${HANDOFF_SWEEPER.staleAfterMinutes} min`,
    trigger: { kind: 'schedule', everyMinutes: HANDOFF_SWEEPER.everyMinutes },
    timeoutSeconds: HANDOFF_SWEEPER.timeoutSeconds,
    access: { cases: 'write' },
  },
  ...SWEEP_FUNCTIONS,
  {
    name: 'recompute-provisional',
    id: 'RecomputeProvisional',
    entry: 'functions/schedules/recompute-provisional.ts',
    description: 'Daily: recompute provisional clocks for the years the holiday calendar now covers',
    trigger: { kind: 'schedule', everyMinutes: RECOMPUTE_PROVISIONAL.everyMinutes },
    timeoutSeconds: RECOMPUTE_PROVISIONAL.timeoutSeconds,
    access: { cases: 'write' },
  },
];

type Of<K extends Trigger['kind']> = FunctionEntry & { readonly trigger: Extract<Trigger, { kind: K }> };
const ofKind =
  <K extends Trigger['kind']>(kind: K) =>
  (f: FunctionEntry): f is Of<K> =>
    f.trigger.kind === kind;

export const HTTP_FUNCTIONS = FUNCTIONS.filter(ofKind('http'));
export const QUEUE_FUNCTIONS = FUNCTIONS.filter(ofKind('queue'));
export const STREAM_FUNCTIONS = FUNCTIONS.filter(ofKind('stream'));
export const SCHEDULED_FUNCTIONS = FUNCTIONS.filter(ofKind('schedule'));
export const SWEEP_TASK_FUNCTIONS = FUNCTIONS.filter(ofKind('sweepTasks'));

/** The function that drains a handoff queue. */
export function consumerOf(queue: DestinationKind): Of<'queue'> {
  const found = QUEUE_FUNCTIONS.find((f) => f.trigger.queue === queue);
  if (!found) throw new Error(`no consumer for the ${queue} queue in the catalogue`);
  return found;
}
