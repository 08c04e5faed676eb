import type { Texts } from './terms.ts';

/** The early warnings' messages (domain/warnings/): what a monitoring partner, a post or an admin is told. */
export const WARNING_MESSAGES = {
  'warning.monitoringType': {
    en: 'must be monitoring.signal for a monitoring partner',
    'zh-CN': '监测单位只能发送 monitoring.signal',
  },
  'warning.monitoringOnly': { en: 'must be sent by a monitoring partner', 'zh-CN': '须由监测单位发送' },
  'warning.periodOrder': { en: 'must not be before period.from', 'zh-CN': '不得早于 period.from' },
  'warning.district': {
    en: 'must be a 6-digit administrative division code',
    'zh-CN': '须为6位行政区划代码',
  },
  'warning.unit': { en: 'must be a known unit', 'zh-CN': '须为已知的计量单位' },
  'warning.level': { en: 'must be 1, 2, 3 or 4', 'zh-CN': '须为 1、2、3 或 4' },
  'warning.status': { en: 'must be a warning status', 'zh-CN': '须为预警状态' },
  'warning.id': {
    en: 'must be a warning id (credit code-sequence)',
    'zh-CN': '须为预警编号（统一社会信用代码-序号）',
  },
  'warning.roleMayNot': {
    en: '{role|aRole} may not {action} a warning',
    'zh-CN': '{role|aRole}不能对预警执行 {action}',
  },
  'warning.days': { en: 'must be a whole number of days', 'zh-CN': '须为整数天数' },
  'warning.ruleId': {
    en: 'must be 1–40 upper-case letters, digits, -',
    'zh-CN': '须为1至40个大写字母、数字或 -',
  },
  'warning.indicator': { en: 'must be a known indicator', 'zh-CN': '须为已知的监测指标' },
  'warning.oneRule': { en: 'must hold at least one rule', 'zh-CN': '至少包含一条规则' },
  'warning.listOwnPost': {
    en: '{role|aRole} lists the warnings of post {postId} only',
    'zh-CN': '{role|aRole}只能查看本工作站 {postId} 的预警',
  },
  'warning.afterToday': { en: 'must be after today', 'zh-CN': '须晚于今天' },
  'warning.rulesAdmin': { en: 'only an admin loads warning rules', 'zh-CN': '只有管理员可以载入预警规则' },
  'warning.districtsAdmin': {
    en: 'only an admin maps districts to posts',
    'zh-CN': '只有管理员可以设置辖区与工作站的对应关系',
  },
  'resource.dispositionReport': { en: 'disposition report', 'zh-CN': '处置回告' },
  'report.status': {
    en: 'must be PENDING or REJECTED',
    'zh-CN': '须为 PENDING（待送达）或 REJECTED（被拒收）',
  },
  'report.id': {
    en: 'must be a disposition report id (warning id.disposition.partner id)',
    'zh-CN': '须为处置回告编号（预警编号.disposition.合作单位编号）',
  },
  'report.listRoles': {
    en: '{role|aRole} may not list disposition reports: supervisors and admins do',
    'zh-CN': '{role|aRole}不能查看处置回告，仅主管和管理员可以',
  },
  'report.resendAdmin': {
    en: 'only an admin sends a disposition report again',
    'zh-CN': '只有管理员可以重新发送处置回告',
  },
  'report.resendRejectedOnly': {
    en: 'only a REJECTED disposition report is sent again',
    'zh-CN': '只有被拒收（REJECTED）的处置回告才能重新发送',
  },
} as const satisfies Record<string, Texts>;
