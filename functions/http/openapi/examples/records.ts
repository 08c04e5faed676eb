import { reminderIdOf } from '../../../../domain/reminders/model.ts';
import { EXAMPLE_CASE_ID, EXAMPLE_CASE_NUMBER, EXAMPLE_HANDOFF_ID, MEDIATOR } from './day.ts';

/** The records around the example case (day.ts): its handoff, a reminder, the calendar, the post. */

/** A request for judicial confirmation of a signed agreement, delivered to the Shinan court. */
export const HANDOFF = {
  handoffId: EXAMPLE_HANDOFF_ID,
  caseId: EXAMPLE_CASE_ID,
  requestedVersion: 6,
  destination: { kind: 'COURT', id: 'qd-shinan-court' },
  purpose: 'JUDICIAL_CONFIRMATION',
  fromPostId: 'QD-SN-01',
  requestedAt: '2026-03-10T03:00:00.000Z',
  requestedBy: MEDIATOR,
  status: 'DELIVERED',
  attempts: 1,
  dispatch: 1,
  lastAttemptAt: '2026-03-10T03:00:02.000Z',
  lastError: null,
  deliveredAt: '2026-03-10T03:00:02.000Z',
  partnerReference: '（2026）鲁0202民特123号',
  failedAt: null,
};

export const REMINDER = {
  reminderId: reminderIdOf(EXAMPLE_CASE_ID, 'MEDIATION-1', 'DUE_IN_3_WORKING_DAYS'),
  caseId: EXAMPLE_CASE_ID,
  caseNumber: EXAMPLE_CASE_NUMBER,
  postId: 'QD-SN-01',
  clockId: 'MEDIATION-1',
  clock: 'MEDIATION',
  dueOn: '2026-03-17',
  stage: 'DUE_IN_3_WORKING_DAYS',
  severity: 'WARNING',
  escalated: false,
  raisedAt: '2026-03-12T00:00:00.000Z',
  status: 'OPEN',
  acknowledgedBy: null,
  acknowledgedAt: null,
};

/** The State Council's 2026 holidays (国办发明电〔2025〕7号) and their make-up working days. */
export const CALENDAR_2026 = {
  restDays: [
    '2026-01-01',
    '2026-01-02',
    '2026-01-03',
    '2026-02-15',
    '2026-02-16',
    '2026-02-17',
    '2026-02-18',
    '2026-02-19',
    '2026-02-20',
    '2026-02-21',
    '2026-02-22',
    '2026-02-23',
    '2026-04-04',
    '2026-04-05',
    '2026-04-06',
    '2026-05-01',
    '2026-05-02',
    '2026-05-03',
    '2026-05-04',
    '2026-05-05',
    '2026-06-19',
    '2026-06-20',
    '2026-06-21',
    '2026-09-25',
    '2026-09-26',
    '2026-09-27',
    '2026-10-01',
    '2026-10-02',
    '2026-10-03',
    '2026-10-04',
    '2026-10-05',
    '2026-10-06',
    '2026-10-07',
  ],
  workingDays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
};

export const POST = { postId: 'QD-SN-01', name: '市南区职工法律援助工作站', district: '市南区' };
