import { httpHandler } from '../middleware.ts';
import { json } from '../response.ts';

/** `GET /health` — liveness; touches no storage. */
export const handler = httpHandler(async () => json(200, { status: 'ok' }));
