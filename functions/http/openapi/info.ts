import type { oas31 } from 'zod-openapi';
import packageJson from '../../../package.json' with { type: 'json' };
import { MAX_BODY_BYTES } from '../middleware.ts';

/** The OpenAPI document's servers and info (document.ts): where the API runs and what it is. */

/**
 * Where the API runs. The served document puts the server it was fetched from first (handlers/openapi.ts);
 * these are the templates a generated client or an editor offers besides. A stage's API Gateway URL is the
 * stateless stack's `ApiUrl` output: the `$default` stage, so no path after the host.
 */
export const SERVERS: oas31.ServerObject[] = [
  {
    url: 'http://127.0.0.1:{port}',
    description: 'The local stack (`npm start`; `--port` or PORT, 3000 unless told)',
    variables: { port: { default: '3000' } },
  },
  {
    url: 'https://{apiId}.execute-api.{region}.amazonaws.com.cn',
    description: 'A stage deployed in an AWS China region (the `ApiUrl` output of the stateless stack)',
    variables: {
      apiId: { default: 'abcde12345', description: 'the HTTP API id, in the `ApiUrl` output' },
      region: { default: 'cn-north-1', enum: ['cn-north-1', 'cn-northwest-1'] },
    },
  },
  {
    url: 'https://{apiId}.execute-api.{region}.amazonaws.com',
    description: 'A stage deployed in another AWS region (the `ApiUrl` output of the stateless stack)',
    variables: {
      apiId: { default: 'abcde12345', description: 'the HTTP API id, in the `ApiUrl` output' },
      region: { default: 'ap-southeast-1', description: "the stage config's `region`" },
    },
  },
];

/**
 * No licence is granted: package.json is `private` and the repository has no licence file. An SPDX
 * expression can say so (`LicenseRef-` names a licence outside the SPDX list); saying nothing would read
 * as an oversight.
 */
export const LICENSE: oas31.LicenseObject = {
  name: 'Proprietary: all rights reserved (no licence is granted)',
  identifier: 'LicenseRef-Proprietary',
};

const DESCRIPTION = `Case management for trade-union labour-dispute mediation and the "union + court" docking mechanism.

**Errors.** Every 4xx and 5xx is \`{ "error": { "code", "message", "details" } }\`; bad input is a 400 whose \`details.issues\` names each wrong field (\`workers[0].idNumber\`), unknown fields are rejected, bodies over ${MAX_BODY_BYTES / 1024} KB are a 413. Money is integer fen; times are UTC ISO-8601; legal days are counted in Asia/Shanghai.

**Auth.** A bearer JWT (in AWS the Cognito ID token) with the claims \`sub\`, \`role\` (mediator, supervisor, admin) and \`postId\`; courts and arbitration institutes sign their callbacks with Standard Webhooks instead.

**Throttling.** In AWS each route has a rate limit; over it, API Gateway answers 429 \`{ "message": "Too Many Requests" }\` itself: wait and retry.

**Retries.** Routes that take an \`Idempotency-Key\` answer a retry with the first answer and change nothing.

**Paging.** Lists answer \`{ items, nextCursor }\`; pass \`nextCursor\` as \`cursor\` for the next page.`;

/** The document's `info`: title, the package's version, the overview above and the licence. */
export const INFO: oas31.InfoObject = {
  title: 'Labour-dispute mediation API',
  version: packageJson.version,
  description: DESCRIPTION,
  license: LICENSE,
};
