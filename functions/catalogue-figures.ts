import { http, READ, WRITE } from './catalogue-http.ts';
import type { FunctionEntry } from './catalogue-types.ts';

/** The functions of consultations, figures and reports (issue: what the federation achieved). */
export const FIGURES_FUNCTIONS: readonly FunctionEntry[] = [
  // Consultations live in the cases table under their own keys (CONSULTATION#id), listed through byPost.
  http('record-consultation', 'POST', '/consultations', "record a consultation at the caller's post", WRITE),
  http('list-consultations', 'GET', '/consultations', "list the caller's post's consultations", READ),
  http('get-consultation', 'GET', '/consultations/{consultationId}', 'read a consultation', READ),
  http(
    'open-consultation-case',
    'POST',
    '/consultations/{consultationId}/case',
    'open a case prefilled from a consultation',
    WRITE,
  ),
  http(
    'get-stats',
    'GET',
    '/stats',
    "the figures by month, post, district, category, origin or industry (JSON or CSV); the caller's post, or any for admins",
    { cases: 'read', cursorSecret: true },
  ),
  // Freezing twice returns the first report: it keeps no Idempotency-Key receipts.
  http('freeze-report', 'POST', '/reports/{month}', "freeze a month's figures with their SHA-256 (admin)", {
    cases: 'write',
    cursorSecret: true,
  }),
  http('get-report', 'GET', '/reports/{month}', "a frozen month's report and what changed since", {
    cases: 'read',
    cursorSecret: true,
  }),
];
