import { createHmac, timingSafeEqual } from 'node:crypto';
import { ValidationError } from '../../domain/shared/errors.ts';

/**
 * Opaque, tamper-checked pagination cursors: base64url(JSON) + '.' + HMAC-SHA256 over the payload and the
 * query it belongs to, so a cursor can neither be edited nor replayed against another post's list.
 */
export class CursorCodec {
  readonly #secret: string;

  constructor(secret: string) {
    this.#secret = secret;
  }

  encode(position: Record<string, unknown>, scope: string): string {
    const body = Buffer.from(JSON.stringify(position)).toString('base64url');
    return `${body}.${this.#sign(body, scope)}`;
  }

  decode(cursor: string, scope: string): Record<string, unknown> {
    const [body, signature, extra] = cursor.split('.');
    if (!body || !signature || extra !== undefined || cursor.length > 2048) throw invalid();
    const expected = Buffer.from(this.#sign(body, scope));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid();
    try {
      const value: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid();
      return value as Record<string, unknown>;
    } catch {
      throw invalid();
    }
  }

  #sign(body: string, scope: string): string {
    return createHmac('sha256', this.#secret).update(`${scope}\n${body}`).digest('base64url');
  }
}

const invalid = () => ValidationError.field('cursor', 'is not a cursor this list issued');

/** A codec, or a way to get one on first use (the secret is fetched only when a cursor is needed). */
export type CursorSource = CursorCodec | (() => Promise<CursorCodec>);

export const codecOf = async (source: CursorSource): Promise<CursorCodec> =>
  source instanceof CursorCodec ? source : source();
