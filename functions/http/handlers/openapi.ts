import { httpHandler } from '../middleware.ts';
import { openApiDocument } from '../openapi/document.ts';
import { json } from '../response.ts';

let document: ReturnType<typeof openApiDocument> | undefined;

/**
 * `GET /openapi.json` — the OpenAPI 3.1 document of this API, generated from the function catalogue and
 * the handlers' zod schemas; built once per container, on the first request.
 */
export const handler = httpHandler(async () => {
  document ??= openApiDocument();
  return json(200, document, { 'cache-control': 'no-cache' });
});
