import type { CursorCodec } from '../adapters/cursor.ts';
import { type Repositories, repositories } from './store.ts';

/**
 * Composition root of the HTTP handlers that read or write cases: the repositories with signed list
 * cursors. The cursor secret is needed only to page a list, so it is fetched on first use (in AWS from
 * the secret CURSOR_SECRET_ARN names, locally from CURSOR_SECRET), never at cold start; that one of the
 * two is set is checked at cold start.
 */
if (!process.env.CURSOR_SECRET && !process.env.CURSOR_SECRET_ARN) {
  throw new Error('invalid function configuration: CURSOR_SECRET or CURSOR_SECRET_ARN must be set');
}

let codec: Promise<CursorCodec> | undefined;

/** The cursor codec, made once per container on first use. */
export function cursorCodec(): Promise<CursorCodec> {
  codec ??= (async () => {
    const [{ CursorCodec }, { loadCursorSecret }, { withSecrets }] = await Promise.all([
      import('../adapters/cursor.ts'),
      import('./config.ts'),
      import('./secrets.ts'),
    ]);
    return new CursorCodec(loadCursorSecret(await withSecrets(process.env)));
  })();
  codec.catch(() => {
    codec = undefined;
  });
  return codec;
}

export function httpRepositories(options: { readonly receiptsTable?: string } = {}): Repositories {
  return repositories({ cursors: cursorCodec, ...options });
}
