import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../domain/clocks/legal-time.ts';
import { parseHttpFile, resolver } from '../support/http-file.ts';
import { launchLocalStack, type RunningStack, tokenFor } from '../support/local-stack.ts';

/**
 * docs/requests.http sent to the local stack from top to bottom, as a person does in an editor: the
 * tokens pasted from `npm run token`, the case id pasted from the filing's answer, a reminder id from the
 * reminders' list. Every request is answered 2xx.
 */

let stack: RunningStack;

beforeAll(async () => {
  stack = await launchLocalStack();
});

afterAll(async () => {
  await stack?.stop();
});

describe('docs/requests.http on the local stack', () => {
  it('runs from top to bottom, every request answered 2xx', async () => {
    const { variables, requests } = parseHttpFile(readFileSync('docs/requests.http', 'utf8'));
    // What the reader pastes: the stack's address, the tokens the file's comments say how to print.
    variables.base = stack.url;
    variables.token = await tokenFor('mediator', 'QD-SN-01', 'liu.yang@QD-SN-01');
    variables.adminToken = await tokenFor('admin', 'QD-HQ');
    // …and a performBy that is not in the past whenever the test runs (the file's is a fixed date).
    variables.performBy = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    // …and an agreement that took effect today (the filing's receipt date is today).
    variables.effectiveOn = shanghaiDate(new Date());
    const resolve = resolver(variables);
    const answers: string[] = [];
    let filed = false;
    let reminders: unknown[] = [];
    for (const request of requests) {
      const url = resolve(request.url);
      const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, resolve(v)]));
      const res = await fetch(url, {
        method: request.method,
        headers,
        ...(request.body ? { body: resolve(request.body) } : {}),
      });
      const text = await res.text();
      const body = res.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : null;
      if (request.method === 'POST' && new URL(url).pathname === '/cases' && !filed) {
        variables.caseId = body?.caseId; // pasted from the first filing's answer
        filed = true;
      }
      if (new URL(url).pathname === '/reminders') {
        reminders = body?.items ?? [];
        const first = reminders[0] as { reminderId?: string } | undefined;
        if (first?.reminderId) variables.reminderId = first.reminderId;
      }
      // A case filed a minute ago has no reminder due yet: acknowledging the file's example id is a 404.
      const expected =
        request.title.startsWith('Acknowledge') && reminders.length === 0 ? [404] : [200, 201, 202];
      answers.push(`${request.title}: ${res.status}`);
      expect(expected, `${request.title}: ${res.status} ${text.slice(0, 300)}`).toContain(res.status);
    }
    expect(answers.length).toBe(requests.length);
  });
});
