/** The page's words in both languages it speaks; zh-CN is the default, English a switch away. */
export type Language = 'zh-CN' | 'en';

const TEXT = {
  title: { 'zh-CN': '职工法律援助工作站 · 工作统计', en: 'Union legal-aid posts · what they achieved' },
  switchLanguage: { 'zh-CN': 'English', en: '中文' },
  signOut: { 'zh-CN': '退出', en: 'Sign out' },
  signInTitle: { 'zh-CN': '登录（本地开发）', en: 'Sign in (local development)' },
  role: { 'zh-CN': '角色', en: 'Role' },
  roleSupervisor: { 'zh-CN': '主管', en: 'Supervisor' },
  roleAdmin: { 'zh-CN': '管理员（联合会）', en: 'Admin (federation)' },
  roleMediator: { 'zh-CN': '调解员', en: 'Mediator' },
  post: { 'zh-CN': '工作站', en: 'Post' },
  allPosts: { 'zh-CN': '全部工作站', en: 'All posts' },
  signIn: { 'zh-CN': '登录', en: 'Sign in' },
  downloadCsv: { 'zh-CN': '下载 CSV', en: 'Download CSV' },
  trend: { 'zh-CN': '月度趋势', en: 'Monthly trend' },
  byCategory: { 'zh-CN': '按争议类别', en: 'By claim category' },
  byOrigin: { 'zh-CN': '按案件来源', en: 'By origin' },
  byPost: { 'zh-CN': '按工作站', en: 'By post' },
  overdue: { 'zh-CN': '各工作站超期案件', en: 'Overdue cases on each post’s desk' },
  overdueCount: { 'zh-CN': '超期', en: 'Overdue' },
  period: { 'zh-CN': '统计期间 {from} 至 {to}（上海日期）', en: 'From {from} to {to} (Shanghai dates)' },
  thisMonth: { 'zh-CN': '本月（{month}）', en: 'This month ({month})' },
  changeFromLast: { 'zh-CN': '较上月 {change}', en: '{change} from last month' },
  periodTotal: { 'zh-CN': '期间合计 {total}', en: '{total} over the period' },
  loadFailed: {
    'zh-CN': '无法读取统计数据（{status}）：{message}',
    en: 'The figures could not be read ({status}): {message}',
  },
  signInFailed: { 'zh-CN': '登录失败：{message}', en: 'Sign-in failed: {message}' },
  received: { 'zh-CN': '受理案件', en: 'Cases received' },
  closed: { 'zh-CN': '结案', en: 'Cases closed' },
  workers: { 'zh-CN': '涉及职工', en: 'Workers involved' },
  consultations: { 'zh-CN': '咨询', en: 'Consultations' },
  mediationSuccessRate: { 'zh-CN': '调解成功率', en: 'Mediation success rate' },
  closedOnTimeRate: { 'zh-CN': '按期结案率', en: 'Closed on time' },
  recoveredFen: { 'zh-CN': '追回金额', en: 'Money recovered' },
  daysToCloseMedian: { 'zh-CN': '结案天数（中位数）', en: 'Days to close (median)' },
  collective: { 'zh-CN': '其中集体争议', en: 'of which collective' },
} as const;

export type TextKey = keyof typeof TEXT;

const LABELS: Record<string, { 'zh-CN': string; en: string }> = {
  WAGE_ARREARS: { 'zh-CN': '拖欠工资', en: 'Wage arrears' },
  OVERTIME: { 'zh-CN': '加班费', en: 'Overtime' },
  SOCIAL_INSURANCE: { 'zh-CN': '社会保险', en: 'Social insurance' },
  DISMISSAL_COMPENSATION: { 'zh-CN': '解除劳动合同补偿', en: 'Dismissal compensation' },
  WORK_INJURY: { 'zh-CN': '工伤待遇', en: 'Work injury' },
  LABOUR_CONTRACT: { 'zh-CN': '劳动合同', en: 'Labour contract' },
  OTHER: { 'zh-CN': '其他', en: 'Other' },
  WALK_IN: { 'zh-CN': '来访', en: 'Walk-in' },
  ONLINE: { 'zh-CN': '网上申请', en: 'Online' },
  ARBITRATION_PRE_MEDIATION: { 'zh-CN': '仲裁院委托调解', en: 'Institute pre-arbitration' },
  COURT_DELEGATED: { 'zh-CN': '法院委派', en: 'Court-delegated' },
  TRANSFER: { 'zh-CN': '工作站移交', en: 'Transfer' },
};

export function t(language: Language, key: TextKey, params: Record<string, string> = {}): string {
  return TEXT[key][language].replace(/\{(\w+)\}/g, (_m, name: string) => params[name] ?? '');
}

/** An enumeration value's label (a claim category, an origin); the value itself when none is known. */
export function label(language: Language, value: string): string {
  return LABELS[value]?.[language] ?? value;
}
