import { CursorCodec } from '../adapters/cursor.ts';
import { loadCursorSecret } from './config.ts';
import { withSecrets } from './secrets.ts';
import { storeDeps } from './store.ts';

/**
 * Composition root of the HTTP handlers that read or write cases: the store with signed list cursors. In
 * AWS the cursor secret is fetched here, at cold start (top-level await).
 */
export const deps = storeDeps(new CursorCodec(loadCursorSecret(await withSecrets(process.env))));
