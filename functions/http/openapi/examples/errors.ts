import { type Language, message, render } from '../../../../domain/shared/messages.ts';
import type { ErrorStatus } from '../route-doc.ts';
import { EXAMPLE_CASE_ID } from './day.ts';

const error = (code: string, message: string, details: unknown = null) => ({
  error: { code, message, details },
});

/** A worker's ID number with a wrong check digit, in the caller's language (the message catalogue's words). */
const badIdNumber = (language: Language) => {
  const text = render(message('id.residentCheck'), language);
  return error('VALIDATION_FAILED', `workers[0].idNumber: ${text}`, {
    issues: [{ field: 'workers[0].idNumber', message: text }],
  });
};

/** What each error status answers, typically, in English (the default language). */
export const ERROR_EXAMPLES: Readonly<Record<ErrorStatus | 500, unknown>> = {
  400: badIdNumber('en'),
  401: error('UNAUTHORIZED', render(message('auth.required'), 'en')),
  403: error('FORBIDDEN', 'the case belongs to another post'),
  404: error('NOT_FOUND', `case ${EXAMPLE_CASE_ID} not found`, { resource: 'case', id: EXAMPLE_CASE_ID }),
  409: error('ILLEGAL_TRANSITION', 'action SIGN_AGREEMENT is not allowed while the case is FILED', {
    status: 'FILED',
    action: 'SIGN_AGREEMENT',
    allowedActions: ['ASSIGN_MEDIATOR', 'FAIL_MEDIATION', 'TRANSFER_TO_POST', 'WITHDRAW'],
  }),
  412: error('PRECONDITION_FAILED', 'case version 3 is stale; current version is 4', {
    expectedVersion: 3,
    currentVersion: 4,
  }),
  413: error('PAYLOAD_TOO_LARGE', 'request bodies are limited to 65536 bytes', { limit: 65536 }),
  415: error('UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json'),
  422: error('UNKNOWN_REFERENCE', 'courtId: no court qd-laoshan-court is registered', {
    issues: [{ field: 'courtId', message: 'no court qd-laoshan-court is registered' }],
  }),
  429: error('LIMIT_EXCEEDED', render(message('reveal.dailyLimit', { limit: 30 }), 'en')),
  500: error('INTERNAL', 'internal error'),
};

/** The same answers with `Accept-Language: zh-CN`, where the reference shows both. */
export const ERROR_EXAMPLES_ZH: Readonly<Partial<Record<ErrorStatus, unknown>>> = {
  400: badIdNumber('zh-CN'),
  401: error('UNAUTHORIZED', render(message('auth.required'), 'zh-CN')),
};
