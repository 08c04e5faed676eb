import type { Texts } from './terms.ts';

/**
 * Refusals of the court side (issue 18): a payment order's 15 days from service (CPL art. 227), a suit
 * after an objection (CPL art. 228), the employer's set-aside application (LDMAL art. 49), enforcement of
 * an award (arts. 50, 51), the court a delegated case goes back to, and the court's enforcement outcome.
 */
export const COURT_MESSAGES = {
  'guard.paymentOrderClaim': {
    en: '{claim} ({category}) lies outside a payment order: it covers wages, work-injury medical costs, compensation or damages only (LDMAL art. 16)',
    'zh-CN':
      '{claim}（{category}）不属于支付令的范围：支付令仅适用于劳动报酬、工伤医疗费、经济补偿或赔偿金（《劳动争议调解仲裁法》第十六条）',
  },
  'guard.objectionPeriodRuns': {
    en: 'the debtor may pay or object until {date}, 15 days from its receipt of the payment order; enforcement only after that (CPL art. 227)',
    'zh-CN':
      '债务人可在 {date} 前清偿或提出异议（收到支付令之日起十五日）；期满后方可申请执行（《民事诉讼法》第二百二十七条）',
  },
  'guard.suitAfterObjectionOnly': {
    en: 'a failed mediation goes to arbitration; a suit on the agreement lies only after its payment order lapsed on an objection (CPL art. 228; SPC Labour Interpretation (I) art. 13)',
    'zh-CN':
      '调解不成应申请仲裁；只有支付令因异议失效后，才可依调解协议直接起诉（《民事诉讼法》第二百二十八条；《最高人民法院关于审理劳动争议案件适用法律问题的解释（一）》第十三条）',
  },
  'guard.awardNotYetEffective': {
    en: 'a non-final award is enforced only once it has taken effect (LDMAL arts. 50, 51)',
    'zh-CN': '非终局裁决须在生效后才能申请执行（《劳动争议调解仲裁法》第五十条、第五十一条）',
  },
  'guard.notDelegatingCourt': {
    en: 'the case goes back to the court that delegated it, {court}',
    'zh-CN': '案件应退回委派调解的法院 {court}',
  },
  'guard.setAsideByEmployer': {
    en: 'setting a final award aside is the employer’s application to the intermediate court (LDMAL art. 49); the court reports it',
    'zh-CN': '撤销终局裁决由用人单位向中级人民法院申请（《劳动争议调解仲裁法》第四十九条），由法院告知',
  },
  'field.notBeforeDecision': {
    en: 'must not be before decidedOn',
    'zh-CN': '不能早于 decidedOn',
  },
  'field.requiredForOutcome': {
    en: 'is required for outcome {outcome}',
    'zh-CN': '结果为 {outcome} 时必填',
  },
} as const satisfies Record<string, Texts>;
