import { http, READ, WRITE } from './catalogue-http.ts';
import type { FunctionEntry } from './catalogue-types.ts';

/**
 * The functions of early warnings (issue 20). Signals come in through the partner callback route
 * (functions/callbacks/partner-callback.ts, `monitoring.signal`); the employers' partitions, the rule
 * table and the post–district table live in the cases table under their own keys.
 */
/** The cases' own signals: case images only; bounds as the statistics consumer's. */
export const WARNING_SIGNALS = {
  batchSize: 100,
  timeoutSeconds: 60,
  bounds: { maxRecordAgeSeconds: 24 * 60 * 60, retryAttempts: 10 },
  filter: { dynamodb: { NewImage: { itemType: { S: ['CASE'] } } } },
} as const;

/** The disposition reports to the monitoring partners (the outbox items); one at a time, in order. */
export const WARNING_DISPOSITIONS = {
  batchSize: 10,
  timeoutSeconds: 60,
  bounds: { maxRecordAgeSeconds: 24 * 60 * 60, retryAttempts: 10 },
  filter: {
    dynamodb: { NewImage: { itemType: { S: ['WARNING_DISPOSITION'] }, status: { S: ['PENDING'] } } },
  },
} as const;

export const WARNING_FUNCTIONS: readonly FunctionEntry[] = [
  {
    name: 'warning-dispositions',
    id: 'WarningDispositions',
    entry: 'functions/streams/warning-dispositions.ts',
    description: 'Disposed warnings → a signed webhook to each monitoring partner whose signals raised them',
    trigger: { kind: 'stream', ...WARNING_DISPOSITIONS },
    timeoutSeconds: WARNING_DISPOSITIONS.timeoutSeconds,
    access: { caseStream: true, cases: 'write', partners: 'find' },
  },
  {
    name: 'warning-signals',
    id: 'WarningSignals',
    entry: 'functions/streams/warning-signals.ts',
    description: "Cases table stream → the employers' own-case signals and their warnings",
    trigger: { kind: 'stream', ...WARNING_SIGNALS },
    timeoutSeconds: WARNING_SIGNALS.timeoutSeconds,
    access: { caseStream: true, cases: 'write', publishWarnings: true },
  },
  http(
    'list-warnings',
    'GET',
    '/warnings',
    "open warnings of a district by level and deadline, or the caller's post's",
    READ,
  ),
  http(
    'get-warning',
    'GET',
    '/warnings/{warningId}',
    'a warning with its explanation and its disposition reports',
    READ,
  ),
  http('act-on-warning', 'POST', '/warnings/{warningId}/actions', "a step of a warning's lifecycle", WRITE),
  http(
    'get-employer-risk',
    'GET',
    '/employers/{creditCode}/risk',
    "an employer's level, signals and cases",
    READ,
  ),
  http(
    'list-disposition-reports',
    'GET',
    '/disposition-reports',
    'disposition reports pending or refused by their partner (admins, supervisors)',
    READ,
  ),
  http(
    'resend-disposition-report',
    'POST',
    '/disposition-reports/{reportId}/resend',
    'send a refused disposition report again (admin)',
    WRITE,
  ),
  http('get-warning-rules', 'GET', '/warning-rules', 'the warning rule table in force', READ),
  http('put-warning-rules', 'PUT', '/warning-rules', 'load a new version of the warning rules (admin)', {
    cases: 'write',
  }),
  http('put-district', 'PUT', '/districts/{district}', 'the post covering a district (admin)', {
    cases: 'write',
  }),
];
