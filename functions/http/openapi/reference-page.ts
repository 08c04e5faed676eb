import * as z from 'zod/mini';

/**
 * The browsable API reference (`GET /docs`): Swagger UI from the swagger-ui-dist package, served by the
 * docs function itself so the page works with no network beyond the API: `GET /docs` is the page and
 * `GET /docs?asset=<name>` its script and style sheet. One route, so one function, in AWS and locally.
 */

export const REFERENCE_ASSETS = ['swagger-ui-bundle.js', 'swagger-ui.css', 'reference.js'] as const;
export type ReferenceAsset = (typeof REFERENCE_ASSETS)[number];

export const DocsQuery = z.strictObject({
  asset: z.optional(z.enum(REFERENCE_ASSETS)).register(z.globalRegistry, {
    description: 'a script or style sheet of the page; absent: the page itself',
  }),
});

/** Relative URLs: the page works under any base path (`?asset=` resolves against `/docs`). */
export const REFERENCE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Labour-dispute mediation API</title>
<link rel="stylesheet" href="?asset=swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="?asset=swagger-ui-bundle.js"></script>
<script src="?asset=reference.js"></script>
</body>
</html>
`;

/**
 * Starts Swagger UI on the document next door (`openapi.json`, relative to `/docs`). No validator badge:
 * it would send the document to validator.swagger.io.
 */
export const REFERENCE_SCRIPT = `window.ui = SwaggerUIBundle({
  url: new URL('openapi.json', window.location.href).href,
  dom_id: '#swagger-ui',
  validatorUrl: null,
  deepLinking: true,
  persistAuthorization: false,
  tryItOutEnabled: false,
});
`;

/**
 * Only this origin's scripts, styles, images and fetches: the page can load nothing from another host.
 * Swagger UI sets style attributes, hence 'unsafe-inline' for styles only.
 */
export const REFERENCE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
