import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, paths } from './schema.ts';

/**
 * The typed client of the labour-dispute mediation API: openapi-fetch over the paths generated from the
 * API's OpenAPI document (schema.ts, `npm run clients`). Every path, parameter, body and answer is typed;
 * a call the API would refuse for its shape does not compile.
 *
 * ```ts
 * const api = createLdmClient('http://127.0.0.1:3000', token);
 * const { data, error } = await api.POST('/cases', { body: intake, params: { header: { 'Idempotency-Key': key } } });
 * ```
 */

/** A bearer token, or a function that returns a fresh one for each request (tokens expire). */
export type TokenSource = string | (() => string | Promise<string>);

export type LdmClient = Client<paths>;

/**
 * A client of the API at `baseUrl` (the local stack's `http://127.0.0.1:3000`, or a stage's `ApiUrl`)
 * that sends `Authorization: Bearer <token>` on every request when a token is given. `options` go to
 * openapi-fetch (a custom `fetch`, default headers such as `Accept-Language: zh-CN`).
 */
export function createLdmClient(
  baseUrl: string,
  token?: TokenSource,
  options: Omit<ClientOptions, 'baseUrl'> = {},
): LdmClient {
  const client = createClient<paths>({ ...options, baseUrl: baseUrl.replace(/\/+$/, '') });
  if (token !== undefined) {
    client.use({
      async onRequest({ request }) {
        const value = typeof token === 'string' ? token : await token();
        request.headers.set('authorization', `Bearer ${value}`);
        return request;
      },
    });
  }
  return client;
}

type Schemas = components['schemas'];
/** A case, personal data masked. */
export type Case = Schemas['Case'];
/** A case in a list: no names, ID numbers or phones. */
export type CaseSummary = Schemas['CaseSummary'];
export type CaseEvent = Schemas['CaseEvent'];
export type Handoff = Schemas['Handoff'];
export type Reminder = Schemas['Reminder'];
/** `{ "error": { code, message, details } }`, the one shape of every error. */
export type ApiError = Schemas['Error'];
/** The body of `POST /cases/{caseId}/actions`: one action of the lifecycle table with its fields. */
export type ActionCommand = Schemas['ActionCommand'];

export type { components, operations, paths } from './schema.ts';
