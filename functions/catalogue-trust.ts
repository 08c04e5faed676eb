import { http, READ_RECORDED } from './catalogue-http.ts';
import type { FunctionEntry } from './catalogue-types.ts';

/** The functions of issue 22 (trust): access records, proofs, reveals, duplicates. Append only. */
export const TRUST_FUNCTIONS: readonly FunctionEntry[] = [
  http(
    'get-access-log',
    'GET',
    '/cases/{caseId}/access-log',
    "who read the case, newest first (its post's supervisors, admins)",
    READ_RECORDED,
  ),
  // Counts each person's reveals per day in the cases table (REVEALS#<sub>); opens sealed values (KMS Decrypt).
  http(
    'reveal-fields',
    'POST',
    '/cases/{caseId}/reveal',
    "a case's sealed ID numbers and phones in clear, for a purpose",
    {
      cases: 'write',
      recordAccess: true,
      sealing: 'open',
    },
  ),
];
