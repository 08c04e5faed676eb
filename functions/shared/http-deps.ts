import { CursorCodec } from '../adapters/cursor.ts';
import { loadCursorSecret } from './config.ts';
import { type Repositories, repositories } from './store.ts';

/**
 * Composition root of the HTTP handlers that read or write cases: the repositories with signed list
 * cursors. The cursor secret is needed only to page a list, so it is fetched on first use (in AWS from
 * the secret CURSOR_SECRET_ARN names, locally from CURSOR_SECRET), never at cold start; that one of the
 * two is set is checked then too, so a route that only writes (a reveal, a rule load) or only records
 * reads (the access log's writer) imports this module without being given the secret it never uses.
 *
 * Only secrets.ts is imported on first use, not the codec or the configuration: `import()` of a module
 * makes the bundler wrap it and everything it imports in lazy initialisers, and zod wrapped that way
 * (config.ts imports it, as does every HTTP function) loses its tree-shaking and is parsed twice.
 * secrets.ts brings only the Secrets Manager client, whose dependencies the SDK wraps already.
 */
let codec: Promise<CursorCodec> | undefined;

/** The cursor codec, made once per container on first use. */
export function cursorCodec(): Promise<CursorCodec> {
  codec ??= (async () => {
    if (!process.env.CURSOR_SECRET && !process.env.CURSOR_SECRET_ARN) {
      throw new Error('invalid function configuration: CURSOR_SECRET or CURSOR_SECRET_ARN must be set');
    }
    const { withSecrets } = await import('./secrets.ts');
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
