import type { Texts } from './terms.ts';

/** Issue 22's sealing: reveals of sealed personal data and duplicate filings. */
export const SEALING_MESSAGES = {
  'reveal.unknownField': {
    en: 'is not a sealed field of this case (workers[i].idNumber, workers[i].phone, employer.idNumber, agents[i].idNumber, agents[i].phone)',
    'zh-CN':
      '不是本案件的加密字段（workers[i].idNumber、workers[i].phone、employer.idNumber、agents[i].idNumber、agents[i].phone）',
  },
  'reveal.postOnly': {
    en: "personal data is revealed only to the mediators and supervisors of the case's own post",
    'zh-CN': '个人信息仅向案件所在工作站的调解员和负责人显示',
  },
  'reveal.dailyLimit': {
    en: 'you have reached the limit of {limit} reveals today; it renews at midnight China time',
    'zh-CN': '您今天的查看次数已达上限（{limit} 次），北京时间零点后恢复',
  },
  'resource.duplicatePair': { en: 'duplicate pair', 'zh-CN': '疑似重复立案' },
  'format.pairId': { en: 'must be a pair id (UUID)', 'zh-CN': '必须是疑似重复记录编号（UUID）' },
  'duplicates.supervisorsOnly': {
    en: "possible duplicate filings are reviewed by the supervisors of the case's post",
    'zh-CN': '疑似重复立案由案件所在工作站的负责人审核',
  },
} as const satisfies Record<string, Texts>;
