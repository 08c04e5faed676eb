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
} as const satisfies Record<string, Texts>;
