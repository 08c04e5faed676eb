/**
 * How the page signs in. Its config.json (served next to it) says which way:
 * - `local`: the local stack's development sign-in — a role and a post, a token from `POST /_local/token`
 *   (infra/local/dashboard.ts). It exists only on `npm start`.
 * - `cognito` / `oidc`: the stage's issuer, authorization code with PKCE (RFC 7636, S256); the endpoints come
 *   from the issuer's discovery document. The CDK stack writes config.json (infra/cdk/constructs/
 *   dashboard-site.ts) and lets the page's CSP connect to the issuer. Not exercised here: no stage is
 *   deployed from this repository, so this path has no test against a real issuer.
 */
export interface LocalSignIn {
  readonly provider: 'local';
  readonly tokenUrl: string;
  readonly posts: readonly { readonly postId: string; readonly name: string }[];
}

export interface OidcSignIn {
  readonly provider: 'cognito' | 'oidc';
  readonly issuer: string;
  readonly clientId: string;
}

export interface PageConfig {
  readonly stage?: string;
  /** Where the API is: '' for the page's own host. */
  readonly apiUrl: string;
  readonly signIn: LocalSignIn | OidcSignIn;
  /** Administrative division code → name, for the warnings board; codes are shown where it has none. */
  readonly districts?: Readonly<Record<string, string>>;
}

/** The issuer's endpoints (OpenID Connect Discovery 1.0). */
async function discover(config: OidcSignIn) {
  const res = await fetch(`${config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!res.ok) throw new Error(`discovery: ${res.status}`);
  return (await res.json()) as { authorization_endpoint: string; token_endpoint: string };
}

/** The page itself, without its query: where the issuer sends the browser back. */
const redirectUri = () => `${location.origin}${location.pathname}`;

export interface Session {
  readonly token: string;
  readonly role: string;
  readonly postId: string;
}

const KEY = 'ldm.dashboard.session';

export function savedSession(): Session | null {
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Session | null;
    return saved && typeof saved.token === 'string' ? saved : null;
  } catch {
    return null;
  }
}

export function forget(): void {
  sessionStorage.removeItem(KEY);
}

/** The development sign-in: the local stack mints a token for the role and post chosen. */
export async function signInLocally(config: LocalSignIn, role: string, postId: string): Promise<Session> {
  const res = await fetch(config.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role, postId }),
  });
  if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
  const session = (await res.json()) as Session;
  sessionStorage.setItem(KEY, JSON.stringify(session));
  return session;
}

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/** Sends the browser to the issuer with a fresh PKCE verifier and state (kept in sessionStorage). */
export async function startOidcSignIn(config: OidcSignIn): Promise<void> {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(`${KEY}.pkce`, JSON.stringify({ verifier, state }));
  const url = new URL((await discover(config)).authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    scope: 'openid',
    code_challenge: base64url(digest),
    code_challenge_method: 'S256',
    state,
  }).toString();
  location.assign(url.toString());
}

type Claims = { role?: string; postId?: string; 'custom:role'?: string; 'custom:postId'?: string };
const claimsOf = (jwt: string): Claims =>
  JSON.parse(atob(jwt.split('.')[1]?.replace(/-/g, '+').replace(/_/g, '/') ?? '')) as Claims;

/** Back from the issuer with `?code=&state=`: exchanges the code for tokens; null when not a return. */
export async function finishOidcSignIn(config: OidcSignIn): Promise<Session | null> {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  const pending = JSON.parse(sessionStorage.getItem(`${KEY}.pkce`) ?? 'null') as {
    verifier: string;
    state: string;
  } | null;
  if (!code || !pending || params.get('state') !== pending.state) return null;
  sessionStorage.removeItem(`${KEY}.pkce`);
  const res = await fetch((await discover(config)).token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: config.clientId,
      redirect_uri: redirectUri(),
      code,
      code_verifier: pending.verifier,
    }),
  });
  if (!res.ok) throw new Error(`${res.status}`);
  const tokens = (await res.json()) as { access_token: string; id_token?: string };
  // Cognito puts the user's custom attributes (custom:role, custom:postId) in the ID token only, and the
  // API's authorizer accepts it (its audience is this client): the token that names the role is sent.
  const role = (claims: Claims) => claims.role ?? claims['custom:role'];
  const idClaims = tokens.id_token ? claimsOf(tokens.id_token) : {};
  const useId = tokens.id_token !== undefined && role(idClaims) !== undefined;
  const token = useId ? (tokens.id_token as string) : tokens.access_token;
  const claims = useId ? idClaims : claimsOf(tokens.access_token);
  const session = { token, role: role(claims) ?? '', postId: claims.postId ?? claims['custom:postId'] ?? '' };
  sessionStorage.setItem(KEY, JSON.stringify(session));
  history.replaceState(null, '', location.pathname);
  return session;
}
