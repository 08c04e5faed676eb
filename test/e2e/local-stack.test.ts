import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { launchLocalStack } from '../support/local-stack.ts';

const refused = async (url: string) =>
  fetch(url).then(
    () => false,
    () => true,
  );

describe('npm start', () => {
  it('serves the API and stops DynamoDB Local and the SQS emulator on SIGTERM', async () => {
    const stack = await launchLocalStack();
    expect(stack.output()).toMatch(/ready in \d+ ms/);
    expect((await fetch(`${stack.url}/health`)).status).toBe(200);
    expect(await refused(stack.dynamodbEndpoint)).toBe(false);

    expect(await stack.stop()).toBe(0);
    expect(await refused(`${stack.url}/health`)).toBe(true);
    expect(await refused(stack.dynamodbEndpoint)).toBe(true);
  });

  it('says clearly when the port is taken, and leaves nothing running', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(launchLocalStack(['--port', String(port)])).rejects.toThrow(
        new RegExp(`exited with 1:[\\s\\S]*port ${port} is already in use`),
      );
    } finally {
      blocker.close();
    }
  });
});
