import { type JWTPayload, jwtVerify, SignJWT } from 'jose';
import { type Message, message } from '../../domain/shared/messages.ts';

/**
 * The local stand-in for API Gateway's JWT authorizer: tokens signed with a development-only HMAC key.
 * In AWS, tokens come from the Cognito user pool and API Gateway checks them; nothing here is deployed.
 */
export const LOCAL_ISSUER = 'urn:labour-dispute-mediation:local';
export const LOCAL_AUDIENCE = 'labour-dispute-mediation-api';

const key = () =>
  new TextEncoder().encode(
    process.env.LOCAL_JWT_SECRET ?? 'local-development-key-not-for-any-deployed-stage',
  );

/**
 * A local token. `ttl` is a duration ('8h') or the expiry itself (a Date in the past makes an expired
 * token); `issuer` stands in for another identity provider (tests of the 401s).
 */
export async function issueLocalToken(
  claims: { sub: string; role: string; postId: string },
  ttl: string | Date = '8h',
  options: { readonly issuer?: string; readonly audience?: string } = {},
) {
  const expiresAt = ttl instanceof Date ? Math.floor(ttl.getTime() / 1000) : undefined;
  return (
    new SignJWT({ role: claims.role, postId: claims.postId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.sub)
      .setIssuer(options.issuer ?? LOCAL_ISSUER)
      .setAudience(options.audience ?? LOCAL_AUDIENCE)
      // An expiry given as a date was issued an hour before it (a token never expires before it is issued).
      .setIssuedAt(expiresAt === undefined ? undefined : expiresAt - 3600)
      .setExpirationTime(expiresAt ?? (ttl as string))
      .sign(key())
  );
}

/** Why a request is not authenticated, as the 401 says it: the kind, and the message (none: no token). */
export interface TokenRefusal {
  readonly reason:
    | 'NO_TOKEN'
    | 'MALFORMED'
    | 'EXPIRED'
    | 'NOT_YET_VALID'
    | 'WRONG_ISSUER'
    | 'WRONG_AUDIENCE'
    | 'BAD_SIGNATURE'
    | 'ALGORITHM'
    | 'MISSING_CLAIM';
  readonly why?: Message;
}

export type TokenCheck =
  | { readonly ok: true; readonly claims: JWTPayload }
  | ({ readonly ok: false } & TokenRefusal);

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
/** `2026-12-07 16:48:00`: the wall-clock time in Shanghai, which is what a person there reads. */
const shanghaiDateTime = (epochSeconds: number) =>
  new Date(epochSeconds * 1000 + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');

const refused = (reason: TokenRefusal['reason'], why?: Message): TokenCheck => ({
  ok: false,
  reason,
  ...(why ? { why } : {}),
});

/**
 * Checks a bearer token as API Gateway's JWT authorizer does (issuer, audience, signature, expiry) and says
 * which check failed. A request without an `Authorization: Bearer …` header has no token (RFC 6750 §3.1:
 * the challenge then names no error).
 */
export async function checkLocalToken(authorization: string | undefined): Promise<TokenCheck> {
  const header = authorization?.trim() ?? '';
  if (!/^bearer(?:\s|$)/i.test(header)) return refused('NO_TOKEN');
  const token = header.slice('bearer'.length).trim();
  if (!/^[\w-]+\.[\w-]+\.[\w-]+$/.test(token)) return refused('MALFORMED', message('auth.malformed'));
  try {
    const { payload } = await jwtVerify(token, key(), {
      issuer: LOCAL_ISSUER,
      audience: LOCAL_AUDIENCE,
      algorithms: ['HS256'],
      requiredClaims: ['exp'],
    });
    return { ok: true, claims: payload };
  } catch (error) {
    return refusalOf(error);
  }
}

function refusalOf(error: unknown): TokenCheck {
  const { code, claim, payload } = error as { code?: string; claim?: string; payload?: JWTPayload };
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return refused(
        'EXPIRED',
        typeof payload?.exp === 'number'
          ? message('auth.expired', { at: shanghaiDateTime(payload.exp) })
          : message('auth.malformed'),
      );
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (claim === 'iss') return refused('WRONG_ISSUER', message('auth.issuer', { issuer: LOCAL_ISSUER }));
      if (claim === 'aud') {
        return refused('WRONG_AUDIENCE', message('auth.audience', { audience: LOCAL_AUDIENCE }));
      }
      if (claim === 'nbf') return refused('NOT_YET_VALID', message('auth.notYetValid'));
      return refused('MISSING_CLAIM', message('auth.claims', { claim: claim ?? 'exp' }));
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return refused('BAD_SIGNATURE', message('auth.signature'));
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
    case 'ERR_JOSE_NOT_SUPPORTED':
      return refused('ALGORITHM', message('auth.algorithm'));
    default:
      return refused('MALFORMED', message('auth.malformed'));
  }
}

/** The verified claims of a bearer token, or null. */
export async function verifyLocalToken(authorization: string | undefined): Promise<JWTPayload | null> {
  const checked = await checkLocalToken(authorization);
  return checked.ok ? checked.claims : null;
}
