import type { Texts } from './terms.ts';

/** The figures' refusals: GET /stats, the monthly reports. */
export const STATISTICS_MESSAGES = {
  'stats.fromAfterTo': { en: 'must not be after to', 'zh-CN': '不得晚于 to' },
  'stats.tooLong': {
    en: 'the period may span at most {max} months',
    'zh-CN': '统计期间最多 {max} 个月',
  },
  'stats.month': { en: 'must be a month YYYY-MM', 'zh-CN': '必须是月份 YYYY-MM' },
  'stats.humansOnly': {
    en: 'only mediators, supervisors and admins read the figures',
    'zh-CN': '只有调解员、主管和管理员可以查看统计',
  },
  'stats.ownPostOnly': {
    en: "only an admin reads another post's figures",
    'zh-CN': '只有管理员可以查看其他工作站的统计',
  },
  'stats.adminOnly': { en: 'only an admin freezes a report', 'zh-CN': '只有管理员可以封存报表' },
  'stats.recoveredOnTitle': {
    en: 'only when closing on an effective award, an arbitral mediation statement or a judgment; payments under the agreement are recorded with RECORD_PERFORMANCE',
    'zh-CN': '仅在依已生效的裁决、仲裁调解书或判决结案时填写；调解协议的履行款项请用 RECORD_PERFORMANCE 记录',
  },
} as const satisfies Record<string, Texts>;
