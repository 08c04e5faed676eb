import { type Example, example, MEDIATOR } from './day.ts';

/** One example per action people take through the API (a test fails when an action has none). */
export const ACTION_EXAMPLES: Readonly<Record<string, Example>> = {
  ACCEPT_MEDIATION: example('The post takes the application up and tells the employer', {
    action: 'ACCEPT_MEDIATION',
    notice: { on: '2026-03-02', to: 'EMPLOYER', means: 'PHONE' },
  }),
  DECLINE_MEDIATION: example('The post declines to mediate and tells the worker why', {
    action: 'DECLINE_MEDIATION',
    reason: '公司明确拒绝调解，告知申请人可直接申请劳动仲裁。',
    notice: { on: '2026-03-02', to: 'WORKERS', means: 'WRITTEN' },
  }),
  ASSIGN_MEDIATOR: example('Assign a mediator', { action: 'ASSIGN_MEDIATOR', mediatorId: MEDIATOR }),
  APPOINT_AGENT: example('The worker appoints a union lawyer with special authority', {
    action: 'APPOINT_AGENT',
    actsFor: 'WORKER',
    workerIndex: 0,
    role: 'APPOINTED_AGENT',
    agentKind: 'LAWYER',
    authority: 'SPECIAL',
    name: '赵律师',
    phone: '13912345678',
  }),
  SUSPEND_LIMITATION: example('The limitation is suspended: the worker is in hospital', {
    action: 'SUSPEND_LIMITATION',
    ground: 'LEGITIMATE_REASON',
    reason: '劳动者住院治疗，无法申请仲裁。',
  }),
  RESUME_LIMITATION: example('The cause ended: the limitation runs on', {
    action: 'RESUME_LIMITATION',
    note: '劳动者已出院。',
  }),
  RECORD_SESSION: example('Record a mediation session (an instant with its offset)', {
    action: 'RECORD_SESSION',
    heldAt: '2026-03-03T09:30:00+08:00',
    notes: '双方到场，公司同意分两期支付拖欠工资。',
  }),
  EXTEND_MEDIATION: example("Extend the mediation period by both parties' consent", {
    action: 'EXTEND_MEDIATION',
    bothPartiesConsent: true,
    days: 10,
    basis: '双方同意延长调解期限十日（《企业劳动争议协商调解规定》）。',
  }),
  SIGN_AGREEMENT: example(
    'Sign a mediation agreement: amounts per claim, two instalments, who signed, the day it took effect',
    {
      action: 'SIGN_AGREEMENT',
      terms: '青岛港湾物流有限公司于2026年3月31日前分两期向王芳支付拖欠工资12500元。',
      amountFen: 1_250_000,
      items: [{ claim: 0, amountFen: 1_250_000 }],
      performBy: '2026-03-31',
      instalments: [
        { dueOn: '2026-03-15', amountFen: 625_000 },
        { dueOn: '2026-03-31', amountFen: 625_000 },
      ],
      signatures: {
        workers: [0],
        employer: { representative: '周敏', sealed: true },
        mediator: MEDIATOR,
        organisationSeal: true,
      },
      effectiveOn: '2026-03-03',
    },
  ),
  RECORD_PERFORMANCE: example('Record a payment under the agreement: the first instalment', {
    action: 'RECORD_PERFORMANCE',
    paidFen: 625_000,
    instalment: 1,
  }),
  REQUEST_JUDICIAL_CONFIRMATION: example('Ask a court to confirm the agreement', {
    action: 'REQUEST_JUDICIAL_CONFIRMATION',
    courtId: 'qd-shinan-court',
  }),
  REQUEST_ARBITRAL_REVIEW: example('Ask the arbitration institute to review the agreement (both parties)', {
    action: 'REQUEST_ARBITRAL_REVIEW',
    arbitrationId: 'qd-arbitration',
  }),
  REQUEST_PAYMENT_ORDER: example('Ask a court for a payment order', {
    action: 'REQUEST_PAYMENT_ORDER',
    courtId: 'qd-shinan-court',
  }),
  REQUEST_ENFORCEMENT: example('Ask a court to enforce a confirmed agreement', {
    action: 'REQUEST_ENFORCEMENT',
    courtId: 'qd-shinan-court',
  }),
  FAIL_MEDIATION: example('Mediation failed', {
    action: 'FAIL_MEDIATION',
    reason: '公司拒绝支付，双方未能达成协议。',
  }),
  FAIL_PERFORMANCE: example('The agreement was not performed', {
    action: 'FAIL_PERFORMANCE',
    reason: '公司逾期未支付第二期款项。',
  }),
  RESUME_MEDIATION: example('Mediate again, with both parties’ consent', {
    action: 'RESUME_MEDIATION',
    bothPartiesConsent: true,
    note: '双方同意重新调解。',
  }),
  REFER_TO_ARBITRATION: example('Refer the case to the arbitration commission', {
    action: 'REFER_TO_ARBITRATION',
    arbitrationId: 'qd-arbitration',
  }),
  RETURN_TO_COURT: example('Hand a court-delegated case back to its court', {
    action: 'RETURN_TO_COURT',
    courtId: 'qd-shinan-court',
  }),
  REFER_TO_COURT: example('Help the worker take the case to court', {
    action: 'REFER_TO_COURT',
    courtId: 'qd-shinan-court',
    application: 'LITIGATION',
  }),
  TRANSFER_TO_POST: example('Transfer the case to another post', {
    action: 'TRANSFER_TO_POST',
    toPostId: 'QD-LS-02',
    reason: '用人单位注册地在崂山区，由崂山区工作站就近调解。',
  }),
  CANCEL_HANDOFF: example('Cancel a handoff before the partner takes it', {
    action: 'CANCEL_HANDOFF',
    reason: '双方已自行和解，撤回申请。',
  }),
  WITHDRAW: example('The worker withdraws the application', {
    action: 'WITHDRAW',
    reason: '劳动者撤回调解申请。',
  }),
  CLOSE: example('Close the case', { action: 'CLOSE', resolution: '协议已全部履行，结案。' }),
};
