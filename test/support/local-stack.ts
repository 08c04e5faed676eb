import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { issueLocalToken } from '../../infra/local/dev-auth.ts';

export interface RunningStack {
  readonly url: string;
  readonly dynamodbEndpoint: string;
  /** The partner simulator (`GET /received`). */
  readonly partnersUrl: string;
  readonly child: ChildProcess;
  output(): string;
  /** SIGTERM, as Ctrl-C would; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Runs `npm start`'s entry point as a child process on a free port, exactly as a developer would. */
export async function launchLocalStack(
  // Manual partners: a test sends the courts' and institutes' decisions itself (scripted ones would race it).
  args: string[] = ['--port', '0', '--partners=manual'],
  env: Record<string, string> = {},
): Promise<RunningStack> {
  const child = spawn(process.execPath, ['infra/local/start.ts', ...args], {
    env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'WARN', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // A test process that ends (a timeout, a crash) takes its stack with it: no orphaned emulators.
  const orphanGuard = () => child.kill('SIGTERM');
  process.once('exit', orphanGuard);
  child.once('exit', () => process.off('exit', orphanGuard));
  let output = '';
  child.stdout?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  const stop = async () => {
    if (child.exitCode !== null) return child.exitCode;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    const [code] = await exited;
    clearTimeout(timer);
    return code as number | null;
  };
  // 180 s: a loaded machine starts DynamoDB Local, the emulators and the functions slowly.
  const deadline = Date.now() + 180_000;
  // The banner's last line: every address above it has been printed.
  while (!/Ctrl-C stops everything/.test(output)) {
    if (child.exitCode !== null) throw new Error(`local stack exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`local stack not ready in 180 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: /listening on (\S+)/.exec(output)?.[1] as string,
    dynamodbEndpoint: /DynamoDB Local (\S+)/.exec(output)?.[1] as string,
    partnersUrl: /partners +(\S+)/.exec(output)?.[1] as string,
    child,
    output: () => output,
    stop,
  };
}

export function tokenFor(
  role: 'mediator' | 'supervisor' | 'admin',
  postId: string,
  sub = `${role}@${postId}`,
) {
  return issueLocalToken({ sub, role, postId });
}

/** A small JSON client for the API under test. */
export function apiClient(baseUrl: string, token?: string) {
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
  };
}
