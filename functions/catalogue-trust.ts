import { http, READ_RECORDED } from './catalogue-http.ts';
import type { FunctionEntry } from './catalogue-types.ts';

/** The checkpoint job: hourly, the chains changed since the last checkpoint (domain/audit/run-checkpoint.ts). */
export const CHECKPOINT = { everyMinutes: 60, timeoutSeconds: 300 } as const;

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
  http(
    'get-proof',
    'GET',
    '/cases/{caseId}/proof',
    "the case's hash chain and its inclusion proof in the latest signed checkpoint",
    { ...READ_RECORDED, checkpoints: 'read' },
  ),
  {
    name: 'checkpoint',
    id: 'Checkpoint',
    entry: 'functions/schedules/checkpoint.ts',
    description: `Every ${CHECKPOINT.everyMinutes} min: sign a Merkle tree of the changed case chains into the Object Lock bucket`,
    trigger: { kind: 'schedule', everyMinutes: CHECKPOINT.everyMinutes },
    timeoutSeconds: CHECKPOINT.timeoutSeconds,
    access: { cases: 'write', checkpoints: 'write' },
  },
  // Duplicate filings (domain/sealing/duplicates.ts): the pairs live in the post's DUPLICATES# partition.
  http(
    'list-duplicates',
    'GET',
    '/duplicates',
    "the post's pending possible duplicate filings (supervisors)",
    {
      cases: 'read',
      cursorSecret: true,
    },
  ),
  http(
    'mark-duplicate',
    'POST',
    '/duplicates/{pairId}',
    'mark a possible duplicate SAME or DIFFERENT, with a note',
    {
      cases: 'write',
      cursorSecret: true,
    },
  ),
];
