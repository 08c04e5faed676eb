import type { IncomingMessage, ServerResponse } from 'node:http';
import { buildDashboard, DASHBOARD_CSP, type WebFile } from '../../web/build.ts';
import { QINGDAO_DISTRICTS } from './demo-warnings.ts';
import { issueLocalToken } from './dev-auth.ts';
import { LOCAL_POSTS } from './seed.ts';

/**
 * The supervisors' dashboard on the local stack: the same files S3 + CloudFront serve in AWS, built in
 * memory on the first request (so `npm start` never serves a stale or missing web/dist), under the API's
 * own host so the page's CSP (`default-src 'self'`) holds.
 */
export const DASHBOARD_PATH = '/dashboard/';

/**
 * The development sign-in: `POST /_local/token {"role":"supervisor","postId":"QD-SN-01"}` → a local token,
 * the one `npm run token` prints. It exists only here (like /_local/clock): in AWS the page signs in with
 * the stage's OIDC issuer (web/src/auth.ts), and API Gateway has no such route.
 */
export const LOCAL_TOKEN_PATH = '/_local/token';

const ROLES = ['mediator', 'supervisor', 'admin'];
let built: Promise<Map<string, WebFile>> | undefined;

/** What the page reads first: how to sign in here and where the API is (the same host). */
const localConfig = () =>
  JSON.stringify({
    stage: 'local',
    apiUrl: '',
    signIn: {
      provider: 'local',
      tokenUrl: LOCAL_TOKEN_PATH,
      posts: LOCAL_POSTS.map(({ postId, name }) => ({ postId, name })),
    },
    // The names of the districts the local posts cover, for the warnings board (warnings carry the code).
    districts: Object.fromEntries(QINGDAO_DISTRICTS.map(({ district, name }) => [district, name])),
  });

export async function serveDashboard(req: IncomingMessage, res: ServerResponse, pathname: string) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'GET only');
  const name = pathname.slice(DASHBOARD_PATH.length) || 'index.html';
  if (name === 'config.json') {
    return send(res, 200, { type: 'application/json; charset=utf-8', body: Buffer.from(localConfig()) });
  }
  built ??= buildDashboard();
  let files: Map<string, WebFile>;
  try {
    files = await built;
  } catch (error) {
    built = undefined;
    throw error;
  }
  const file = files.get(name);
  if (!file) return plain(res, 404, 'not found');
  return send(res, 200, file);
}

export async function localToken(req: IncomingMessage, res: ServerResponse) {
  if (req.method !== 'POST') return plain(res, 405, 'POST only');
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  let body: { role?: unknown; postId?: unknown };
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    body = {};
  }
  const { role, postId } = body;
  if (typeof role !== 'string' || !ROLES.includes(role)) {
    return plain(res, 400, 'role: mediator, supervisor or admin');
  }
  if (typeof postId !== 'string' || !/^[A-Z0-9-]{2,32}$/.test(postId)) {
    return plain(res, 400, 'postId: a post id such as QD-SN-01');
  }
  const token = await issueLocalToken({ sub: `${role}@${postId}`, role, postId }, '8h');
  return send(res, 200, {
    type: 'application/json; charset=utf-8',
    body: Buffer.from(JSON.stringify({ token, role, postId })),
  });
}

function send(res: ServerResponse, status: number, file: WebFile) {
  res.writeHead(status, {
    'content-type': file.type,
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
    'content-security-policy': DASHBOARD_CSP,
    'referrer-policy': 'no-referrer',
  });
  res.end(file.body);
}

function plain(res: ServerResponse, status: number, text: string) {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}
