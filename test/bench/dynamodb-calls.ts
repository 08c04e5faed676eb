import { once } from 'node:events';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type LocalStack, startLocalStack } from '../../infra/local/stack.ts';

/**
 * DynamoDB calls per request, counted on the wire: a loopback HTTP proxy in front of DynamoDB Local that
 * records each request's `x-amz-target` (`DynamoDB_20120810.GetItem` → `GetItem`) and the tables it names,
 * then forwards it unchanged. SDK retries are counted too — they are calls.
 */

export interface DynamoCall {
  /** The operation, e.g. `GetItem`, `TransactWriteItems`. */
  readonly op: string;
  /** Tables the request names (TableName, or every TransactItems/RequestItems table). */
  readonly tables: readonly string[];
}

export interface CountingProxy {
  readonly url: string;
  readonly calls: DynamoCall[];
  stop(): Promise<void>;
}

function tablesOf(body: string): string[] {
  try {
    const input = JSON.parse(body) as {
      TableName?: string;
      TransactItems?: Record<string, { TableName?: string }>[];
      RequestItems?: Record<string, unknown>;
    };
    const names = new Set<string>();
    if (input.TableName) names.add(input.TableName);
    for (const item of input.TransactItems ?? []) {
      for (const op of Object.values(item)) if (op?.TableName) names.add(op.TableName);
    }
    for (const name of Object.keys(input.RequestItems ?? {})) names.add(name);
    return [...names];
  } catch {
    return [];
  }
}

/** Starts the proxy; `target()` gives the upstream endpoint, asked per request (known once it is set). */
export async function startCountingProxy(target: () => string | undefined): Promise<CountingProxy> {
  const calls: DynamoCall[] = [];
  const agent = new Agent({ keepAlive: true, maxSockets: 32 });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const amzTarget = String(req.headers['x-amz-target'] ?? 'unknown');
      calls.push({ op: amzTarget.replace(/^.*\./, ''), tables: tablesOf(body.toString('utf8')) });
      const upstream = target();
      if (!upstream) {
        res.writeHead(503).end();
        return;
      }
      const url = new URL(req.url ?? '/', upstream);
      const forward = request(
        url,
        { method: req.method, headers: { ...req.headers, host: url.host }, agent },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      forward.on('error', () => {
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
      forward.end(body);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      agent.destroy();
    },
  };
}

/**
 * The local stack in this process, its functions pointed at the counting proxy. `startLocalStack` sets
 * DYNAMODB_ENDPOINT to DynamoDB Local's address before it imports the handler modules, which read it at
 * cold start; while it starts, `process.env` is wrapped so that this one assignment records the real address
 * (the proxy's upstream) and stores the proxy's instead. The stack's own clients (table setup, the stream
 * poller) use the real address and are not counted. Everything the stack sets in `process.env` is undone
 * by `stop()`.
 */
export async function startCountedStack(root: string): Promise<{
  stack: LocalStack;
  proxy: CountingProxy;
  stop(): Promise<void>;
}> {
  const saved = { ...process.env };
  let realEndpoint: string | undefined;
  const proxy = await startCountingProxy(() => realEndpoint);
  const env = process.env;
  // Quiet handlers; the stack keeps values already set.
  env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  env.POWERTOOLS_METRICS_DISABLED = 'true';
  process.env = new Proxy(env, {
    set(target, key, value) {
      if (key === 'DYNAMODB_ENDPOINT') {
        realEndpoint = String(value);
        target[key] = proxy.url;
      } else {
        (target as Record<string | symbol, unknown>)[key] = String(value);
      }
      return true;
    },
  });
  const restoreEnv = () => {
    process.env = env;
    for (const key of Object.keys(env)) if (!(key in saved)) delete env[key];
    Object.assign(env, saved);
  };
  let stack: LocalStack;
  try {
    stack = await startLocalStack({ port: 0, root });
  } catch (error) {
    restoreEnv();
    await proxy.stop();
    throw error;
  } finally {
    process.env = env;
  }
  return {
    stack,
    proxy,
    stop: async () => {
      try {
        await stack.stop();
      } finally {
        await proxy.stop();
        restoreEnv();
      }
    },
  };
}

/**
 * `GetItem 1 + TransactWriteItems 1`, in the order first seen; a call that names a table other than
 * `mainTable` lists its tables' labels (`TransactWriteItems[cases+idempotency] 1`); `—` for none.
 */
export function describeCalls(
  calls: readonly DynamoCall[],
  tableLabels: Readonly<Record<string, string>>,
  mainTable: string,
) {
  const counts = new Map<string, number>();
  for (const c of calls) {
    const onlyMain = c.tables.length === 0 || (c.tables.length === 1 && c.tables[0] === mainTable);
    const key = onlyMain ? c.op : `${c.op}[${c.tables.map((t) => tableLabels[t] ?? t).join('+')}]`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  if (counts.size === 0) return '—';
  return [...counts].map(([k, n]) => `${k} ${n}`).join(' + ');
}
