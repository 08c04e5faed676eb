import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_FUNCTIONS } from '../../functions/catalogue.ts';
import { CaseView } from '../../functions/http/openapi/schemas.ts';
import { FiledCaseView } from '../../functions/http/openapi/sealing-docs.ts';
import { intake, POST } from '../support/fixtures.ts';
import { apiClient, launchLocalStack, type RunningStack, tokenFor } from '../support/local-stack.ts';

let stack: RunningStack;

beforeAll(async () => {
  stack = await launchLocalStack();
});

afterAll(async () => {
  await stack?.stop();
});

describe('the API reference, on the local stack', () => {
  it('GET /openapi.json answers the OpenAPI 3.1 document of every route, without a token', async () => {
    const res = await fetch(`${stack.url}/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const document = (await res.json()) as {
      openapi: string;
      servers: { url: string }[];
      paths: Record<string, Record<string, unknown>>;
    };
    expect(document.openapi).toBe('3.1.0');
    // The first server is the one the document was fetched from: a client reading it talks to this stack.
    expect(document.servers[0]?.url).toBe(stack.url);
    for (const { trigger } of HTTP_FUNCTIONS) {
      expect(document.paths[trigger.path]?.[trigger.method.toLowerCase()], trigger.path).toBeDefined();
    }
  });

  it('GET /docs answers a page whose scripts and styles the stack serves itself', async () => {
    const res = await fetch(`${stack.url}/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'.*script-src 'self'/);
    const html = await res.text();
    const refs = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]*)"/g)].map(
      (m) => m[1] as string,
    );
    expect(refs.length).toBeGreaterThanOrEqual(3);
    for (const ref of refs) {
      const url = new URL(ref, `${stack.url}/docs`);
      expect(url.origin, ref).toBe(new URL(stack.url).origin);
      const asset = await fetch(url);
      expect(asset.status, ref).toBe(200);
      expect(asset.headers.get('content-type'), ref).toMatch(/^text\/(?:javascript|css)/);
      expect((await asset.text()).length, ref).toBeGreaterThan(100);
    }
    // Swagger UI itself, gzipped on the wire (fetch unzips it), and the document the page loads next door.
    const bundle = await fetch(`${stack.url}/docs?asset=swagger-ui-bundle.js`);
    expect(bundle.headers.get('content-encoding')).toBe('gzip');
    expect(await bundle.text()).toContain('SwaggerUIBundle');
    expect((await fetch(new URL('openapi.json', `${stack.url}/docs`))).status).toBe(200);
  });

  it('describes a real answer: a filed case parses with the documented FiledCase schema, a read one with Case', async () => {
    const api = apiClient(stack.url, await tokenFor('mediator', POST));
    const created = await api('POST', '/cases', intake());
    expect(created.status).toBe(201);
    expect(FiledCaseView.safeParse(created.body).error).toBeUndefined();
    const read = await api('GET', `/cases/${created.body.caseId}`);
    expect(read.status).toBe(200);
    expect(CaseView.safeParse(read.body).error).toBeUndefined();
  });
});
