import { en } from 'zod/locales';
import { config } from 'zod/mini';

/**
 * zod/mini carries no messages of its own (its issues would all read "Invalid input"); the API's 400s name
 * what is wrong in English, the messages zod's classic build installs. Imported for this effect by the
 * modules that parse (validation.ts, the functions' environment parsing).
 */
config(en());
