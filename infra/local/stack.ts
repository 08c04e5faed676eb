import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { Server } from 'node:http';
import { createServer } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CASES_TABLE, IDEMPOTENCY_TABLE } from '../../functions/adapters/dynamodb/table-design.ts';
import { type DynamoDbLocal, LocalServiceError, startDynamoDbLocal } from './dynamodb-local.ts';
import { createGateway, loadRoutes } from './gateway.ts';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './ports.ts';
import { ensureTable } from './provision.ts';
import { type SqsLocal, startSqsLocal } from './sqs-local.ts';

export const LOCAL_TABLES = { cases: 'ldm-local-cases', idempotency: 'ldm-local-idempotency' };

export interface LocalStackOptions {
  /** HTTP port for the API; 0 picks a free one. */
  readonly port: number;
  readonly host?: string;
  /** Keep DynamoDB data in this folder instead of in memory. */
  readonly dataDir?: string;
  /** Project root, where `functions/` lives. */
  readonly root: string;
}

export interface LocalStack {
  readonly url: string;
  readonly dynamodbEndpoint: string;
  readonly sqsEndpoint: string;
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
  const stop = async () => {
    if (server?.listening) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server?.close(() => resolve()));
    }
    await Promise.allSettled([dynamo?.stop(), sqs?.stop()]);
  };

  try {
    [dynamo, sqs] = await Promise.all([
      startDynamoDbLocal(options.dataDir ? { dataDir: options.dataDir } : {}),
      startSqsLocal(),
    ]);
    const client = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    await ensureTable(client, LOCAL_TABLES.cases, CASES_TABLE);
    await ensureTable(client, LOCAL_TABLES.idempotency, IDEMPOTENCY_TABLE);
    client.destroy();

    // What the CDK stack sets on every function in AWS, pointed at the emulators.
    Object.assign(process.env, {
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      TABLE_NAME: LOCAL_TABLES.cases,
      IDEMPOTENCY_TABLE_NAME: LOCAL_TABLES.idempotency,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      CURSOR_SECRET: process.env.CURSOR_SECRET ?? randomBytes(32).toString('base64url'),
      POWERTOOLS_SERVICE_NAME: 'labour-dispute-mediation',
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'INFO',
      POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
      POWERTOOLS_TRACE_ENABLED: 'false',
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
  return {
    url: `http://${host}:${port}`,
    dynamodbEndpoint: dynamo.endpoint,
    sqsEndpoint: sqs.endpoint,
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
