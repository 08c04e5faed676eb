import { loadIdempotencyConfig } from './config.ts';
import { dynamodb } from './store.ts';

/** Where the creating HTTP handlers keep Idempotency-Key records. */
export const idempotency = { ...loadIdempotencyConfig(), client: dynamodb };
