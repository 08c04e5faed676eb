import type { Texts } from './terms.ts';

/**
 * Refusals of the arbitration paths (issue 18): a non-final award taking effect or sued on (LDMAL art. 50),
 * the award period extended and suspended (art. 43; MOHRSS Rules 2017 arts. 45–47), the institute's
 * mediation statement (arts. 42, 51) and its review of an agreement (MOHRSS Rules 2017 arts. 74–77).
 */
export const ARBITRATION_MESSAGES = {
  'guard.awardTookEffect': {
    en: 'the award took effect: no suit was filed by {date}, 15 days from its service (LDMAL art. 50)',
    'zh-CN': '裁决已生效：自送达之日起十五日内（至 {date}）未起诉（《劳动争议调解仲裁法》第五十条）',
  },
  'guard.suitOutOfTime': {
    en: 'the suit was filed on {filedOn}, after the 15 days from the award’s service ended on {date} (LDMAL art. 50)',
    'zh-CN': '起诉日期 {filedOn} 已超过裁决送达之日起十五日（至 {date}）（《劳动争议调解仲裁法》第五十条）',
  },
  'guard.finalAwardNoSuit': {
    en: 'against a final award the employer may only apply to the intermediate court to set it aside (LDMAL arts. 47–49)',
    'zh-CN': '对终局裁决，用人单位只能向中级人民法院申请撤销（《劳动争议调解仲裁法》第四十七条至第四十九条）',
  },
  'guard.notSettled': {
    en: 'only a settlement yields an arbitral mediation statement (LDMAL art. 42)',
    'zh-CN': '只有调解达成协议才制作仲裁调解书（《劳动争议调解仲裁法》第四十二条）',
  },
  'guard.awardPeriodNotRunning': {
    en: 'the award period is not running (LDMAL art. 43; MOHRSS Rules 2017 art. 46)',
    'zh-CN':
      '仲裁审理期限未在计算中（《劳动争议调解仲裁法》第四十三条；《劳动人事争议仲裁办案规则》第四十六条）',
  },
  'guard.awardPeriodNotSuspended': {
    en: 'the award period is not suspended (MOHRSS Rules 2017 art. 46)',
    'zh-CN': '仲裁审理期限未中止（《劳动人事争议仲裁办案规则》第四十六条）',
  },
  'guard.reviewWindowEnded': {
    en: 'the 15 days to ask for arbitral review ended on {date}, counted from the agreement taking effect on {from} (MOHRSS Rules 2017 art. 74)',
    'zh-CN':
      '申请仲裁审查的十五日期限已于 {date} 届满（自调解协议 {from} 生效起算，《劳动人事争议仲裁办案规则》第七十四条）',
  },
  'field.extensionTotal': {
    en: 'the award period may be extended by at most {max} days in all ({basis}); {granted} already granted',
    'zh-CN': '仲裁审理期限累计最多延长 {max} 日（{basis}）；已延长 {granted} 日',
  },
  'field.statementReference': {
    en: 'is required for a settlement: the reference of the arbitral mediation statement (LDMAL art. 42)',
    'zh-CN': '调解结案时必填：仲裁调解书文号（《劳动争议调解仲裁法》第四十二条）',
  },
} as const satisfies Record<string, Texts>;
