import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { Server } from 'node:http';
import { createServer } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { SQSClient } from '@aws-sdk/client-sqs';
import { CASES_TABLE, IDEMPOTENCY_TABLE } from '../../functions/adapters/dynamodb/table-design.ts';
import { SWEEP_TASKS } from '../../functions/adapters/sqs/sweep-queue.ts';
import { SERVICE_NAME } from '../../functions/shared/constants.ts';
import { localCheckpoints } from './checkpoints-local.ts';
import { type DynamoDbLocal, LocalServiceError, startDynamoDbLocal } from './dynamodb-local.ts';
import { createGateway, loadRoutes } from './gateway.ts';
import { localKeys } from './local-keys.ts';
import {
  DEFAULT_PARTNERS,
  localPartnerSecret,
  localPartnerStepMs,
  newWebhookSecret,
} from './partner-settings.ts';
import { type PartnerSimulator, startPartnerSimulator } from './partner-simulator.ts';
import { seedPartnerTable } from './partner-table.ts';
import { handoffQueueUrls, LOCAL_PIPELINE_TIMING, loadPipelineHandlers, startPipeline } from './pipeline.ts';
import type { Poller } from './pollers/types.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './ports.ts';
import { ensureTable } from './provision.ts';
import { createReminderTopic, createWarningTopic } from './reminders-local.ts';
import { seedPosts } from './seed.ts';
import { type SqsLocal, startSqsLocal } from './sqs-local.ts';

/** How soon a failed handoff message comes back locally (AWS: 6 × the consumer's timeout). */
const LOCAL_VISIBILITY_TIMEOUT_SECONDS = 10;

export const LOCAL_TABLES = {
  cases: 'ldm-local-cases',
  idempotency: 'ldm-local-idempotency',
  partners: 'ldm-local-partners',
};

export interface LocalStackOptions {
  /** HTTP port for the API; 0 picks a free one. */
  readonly port: number;
  readonly host?: string;
  /** Keep DynamoDB data in this folder instead of in memory. */
  readonly dataDir?: string;
  /** Project root, where `functions/` lives. */
  readonly root: string;
  /**
   * `scripted`: the simulated court and institute answer each handoff with signed callbacks a few seconds
   * apart; `manual` (the default here, for tests): they only receive, and decisions are sent by hand.
   */
  readonly partners?: 'scripted' | 'manual';
  /** Scripted partners: the time between decisions. @default LOCAL_PARTNER_STEP_MS, or 2000 */
  readonly partnerStepMs?: number;
}

/** How the simulated partners were set up, for the banner. */
export interface PartnerSetup {
  readonly mode: 'scripted' | 'manual';
  readonly stepMs: number;
  /** Both partners' first secret, which signs callbacks as either. */
  readonly secret: string;
  /** `environment`: LOCAL_PARTNER_SECRET; `generated`: made for this run, gone when it stops. */
  readonly secretFrom: 'environment' | 'generated';
}

export interface LocalStack {
  readonly url: string;
  readonly dynamodbEndpoint: string;
  readonly sqsEndpoint: string;
  /** The simulated court and arbitration institute; `GET /received` lists what they took. */
  readonly partnersUrl: string;
  readonly partnerSetup: PartnerSetup;
  readonly dynamodbPid: number;
  stop(): Promise<void>;
}

/**
 * The whole backend on one machine: DynamoDB Local and the SQS emulator, the tables and queues from their
 * designs, and the route table served by the same handler modules Lambda runs.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const host = options.host ?? '127.0.0.1';
  if (options.port !== 0) await assertPortFree(options.port, host);

  let dynamo: DynamoDbLocal | undefined;
  let sqs: SqsLocal | undefined;
  let server: Server | undefined;
  let partners: PartnerSimulator | undefined;
  let pipeline: Poller | undefined;
  const clients: { destroy(): void }[] = [];
  // Read (and refused when malformed) before anything starts.
  const envSecret = localPartnerSecret();
  const partnerSetup: PartnerSetup = {
    mode: options.partners ?? 'manual',
    stepMs: options.partnerStepMs ?? localPartnerStepMs(),
    secret: envSecret ?? newWebhookSecret(),
    secretFrom: envSecret ? 'environment' : 'generated',
  };
  const stop = async () => {
    // No scripted decision races the shutdown (it would meet a closed gateway).
    partners?.cancelCallbacks();
    if (server?.listening) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server?.close(() => resolve()));
    }
    await pipeline?.stop();
    for (const client of clients) client.destroy();
    await Promise.allSettled([dynamo?.stop(), sqs?.stop(), partners?.stop()]);
  };

  try {
    [dynamo, sqs] = await Promise.all([
      startDynamoDbLocal(options.dataDir ? { dataDir: options.dataDir } : {}),
      startSqsLocal({ visibilityTimeoutSeconds: LOCAL_VISIBILITY_TIMEOUT_SECONDS }),
    ]);
    const local = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
    const client = new DynamoDBClient({ ...local, endpoint: dynamo.endpoint });
    const streams = new DynamoDBStreamsClient({ ...local, endpoint: dynamo.endpoint });
    const sqsClient = new SQSClient({ ...local, endpoint: sqs.endpoint });
    clients.push(client, streams, sqsClient);
    await ensureTable(client, LOCAL_TABLES.cases, CASES_TABLE);
    await ensureTable(client, LOCAL_TABLES.idempotency, IDEMPOTENCY_TABLE);
    await seedPosts(client, LOCAL_TABLES.cases);

    // The partner table, as in AWS, seeded with the simulated partners (one item each).
    partners = await startPartnerSimulator(DEFAULT_PARTNERS, {
      secret: partnerSetup.secret,
      ...(partnerSetup.mode === 'scripted'
        ? {
            scripted: {
              stepMs: partnerSetup.stepMs,
              log: { info: (m: string) => console.log(m), warn: (m: string) => console.error(m) },
            },
          }
        : {}),
    });
    await seedPartnerTable(client, LOCAL_TABLES.partners, partners.registry);
    const queueUrls = handoffQueueUrls(sqs.queueUrls);
    const reminderTopic = await createReminderTopic(sqs.endpoint);
    // The checkpoint bucket in the emulator's S3 and this run's signing key (infra/local/checkpoints-local.ts).
    const checkpoints = await localCheckpoints(sqs.endpoint);
    const warningTopic = await createWarningTopic(sqs.endpoint);

    // The local stand-ins for the KMS keys: per run, or kept beside --persist data (local-keys.ts).
    const keys = localKeys(options.dataDir);
    // Every variable the CDK stack sets on any function in AWS, pointed at the emulators: one process
    // serves all the functions, so it gets their union. PERIOD_<ID>_DAYS overrides pass through.
    Object.assign(process.env, {
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      TABLE_NAME: LOCAL_TABLES.cases,
      IDEMPOTENCY_TABLE_NAME: LOCAL_TABLES.idempotency,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      CURSOR_SECRET: process.env.CURSOR_SECRET ?? randomBytes(32).toString('base64url'),
      // The stand-in for the KMS sealing key (functions/shared/sealing.ts): one per run of the local stack.
      SEALING_LOCAL_KEY: process.env.SEALING_LOCAL_KEY ?? keys.sealing,
      // The stand-in for the KMS HMAC key of duplicate filings (functions/shared/duplicates-deps.ts).
      DUPLICATE_LOCAL_KEY: process.env.DUPLICATE_LOCAL_KEY ?? keys.duplicate,
      POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'INFO',
      POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
      POWERTOOLS_TRACE_ENABLED: 'false',
      SQS_ENDPOINT: sqs.endpoint,
      HANDOFF_QUEUES: JSON.stringify(queueUrls),
      // The reminders topic in the emulator; the sweep may be run as of another instant (POST /_local/sla).
      REMINDER_TOPIC_ARN: reminderTopic.topicArn,
      // The early-warnings topic in the emulator (dispatches, deadline reminders, escalations).
      WARNING_TOPIC_ARN: warningTopic.topicArn,
      SNS_ENDPOINT: sqs.endpoint,
      SWEEP_TASKS_QUEUE_URL: sqs.queueUrls[SWEEP_TASKS.name],
      LOCAL_CLOCK_CONTROL: 'true',
      PARTNER_TABLE_NAME: LOCAL_TABLES.partners,
      PARTNER_ALLOW_HTTP: 'true',
      PARTNER_TIMEOUT_MS: process.env.PARTNER_TIMEOUT_MS ?? '2000',
      ...checkpoints,
    });

    pipeline = await startPipeline({
      dynamodb: client,
      streams,
      sqs: sqsClient,
      tableName: LOCAL_TABLES.cases,
      queueUrls,
      sweepTasksUrl: sqs.queueUrls[SWEEP_TASKS.name] ?? '',
      handlers: await loadPipelineHandlers(options.root),
      timing: LOCAL_PIPELINE_TIMING,
      region: LOCAL_REGION,
    });
    const routes = await loadRoutes(options.root);
    server = createGateway(routes, LOCAL_REGION);
    server.listen(options.port, host);
    await Promise.race([
      once(server, 'listening'),
      once(server, 'error').then(([error]) => {
        throw portError(error as NodeJS.ErrnoException, options.port);
      }),
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${host}:${port}`;
  // The simulator started before the gateway; only now is there a URL for its scripted decisions.
  partners.sendCallbacksTo(url);
  return {
    url,
    dynamodbEndpoint: dynamo.endpoint,
    sqsEndpoint: sqs.endpoint,
    partnersUrl: partners.url,
    partnerSetup,
    dynamodbPid: dynamo.pid,
    stop,
  };
}

async function assertPortFree(port: number, host: string): Promise<void> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', (error: NodeJS.ErrnoException) => reject(portError(error, port)));
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

function portError(error: NodeJS.ErrnoException, port: number): Error {
  if (error.code === 'EADDRINUSE') {
    return new LocalServiceError(
      `port ${port} is already in use; stop what holds it or run with PORT=<another port>`,
    );
  }
  return error;
}
