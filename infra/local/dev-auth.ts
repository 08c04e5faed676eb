import { type JWTPayload, jwtVerify, SignJWT } from 'jose';

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

export async function issueLocalToken(claims: { sub: string; role: string; postId: string }, ttl = '8h') {
  return new SignJWT({ role: claims.role, postId: claims.postId })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(key());
}

/** The verified claims of a bearer token, or null. */
export async function verifyLocalToken(authorization: string | undefined): Promise<JWTPayload | null> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!match?.[1]) return null;
  try {
    const { payload } = await jwtVerify(match[1], key(), {
      issuer: LOCAL_ISSUER,
      audience: LOCAL_AUDIENCE,
      algorithms: ['HS256'],
    });
    return payload;
  } catch {
    return null;
  }
}
