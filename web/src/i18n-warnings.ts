import type { Language } from './i18n.ts';

/** The warnings board's words in both languages; zh-CN first, as the page. */
const TEXT = {
  warnings: { 'zh-CN': '劳动争议预警', en: 'Labour-dispute warnings' },
  warningsOpen: {
    'zh-CN': '未办结预警 {total} 条，其中超期 {overdue} 条',
    en: 'Open warnings: {total}, of which overdue: {overdue}',
  },
  warningsNone: { 'zh-CN': '暂无未办结的预警', en: 'No open warnings' },
  district: { 'zh-CN': '区（市）', en: 'District' },
  allDistricts: { 'zh-CN': '全部', en: 'All' },
  level: { 'zh-CN': '等级', en: 'Level' },
  employer: { 'zh-CN': '用人单位', en: 'Employer' },
  status: { 'zh-CN': '状态', en: 'Status' },
  due: { 'zh-CN': '办理期限', en: 'Due' },
  overdueMark: { 'zh-CN': '超期', en: 'Overdue' },
  post: { 'zh-CN': '工作站', en: 'Post' },
  raisedAt: { 'zh-CN': '预警时间', en: 'Raised' },
  ruleVersion: { 'zh-CN': '规则版本', en: 'Rule version' },
  explanation: { 'zh-CN': '预警依据', en: 'Why this warning' },
  firedRule: { 'zh-CN': '触发规则', en: 'Rule fired' },
  threshold: { 'zh-CN': '阈值', en: 'Threshold' },
  observed: { 'zh-CN': '监测值', en: 'Value' },
  signals: { 'zh-CN': '监测信号', en: 'Signals' },
  source: { 'zh-CN': '来源', en: 'Source' },
  observedOn: { 'zh-CN': '日期', en: 'Date' },
  reference: { 'zh-CN': '来源编号', en: 'Reference' },
  close: { 'zh-CN': '关闭', en: 'Close' },
  loadWarningFailed: {
    'zh-CN': '无法读取预警（{status}）：{message}',
    en: 'The warning could not be read ({status}): {message}',
  },
  warningsUnavailable: { 'zh-CN': '预警数据暂不可用（{status}）', en: 'Warnings unavailable ({status})' },
} as const;

export type WarningTextKey = keyof typeof TEXT;

/** Levels, statuses and indicators: a value's label, or the value itself when none is known. */
const LABELS: Record<string, { 'zh-CN': string; en: string }> = {
  'level.1': { 'zh-CN': '一级（红色）', en: 'Level 1 (red)' },
  'level.2': { 'zh-CN': '二级（橙色）', en: 'Level 2 (orange)' },
  'level.3': { 'zh-CN': '三级（黄色）', en: 'Level 3 (yellow)' },
  'level.4': { 'zh-CN': '四级（蓝色）', en: 'Level 4 (blue)' },
  RAISED: { 'zh-CN': '已生成', en: 'Raised' },
  DISPATCHED: { 'zh-CN': '已派发', en: 'Dispatched' },
  ACKNOWLEDGED: { 'zh-CN': '已签收', en: 'Acknowledged' },
  VERIFYING: { 'zh-CN': '核查中', en: 'Verifying on site' },
  DISPOSED: { 'zh-CN': '已处置', en: 'Disposed' },
  CLOSED: { 'zh-CN': '已办结', en: 'Closed' },
  SUPPRESSED: { 'zh-CN': '已暂缓', en: 'Suppressed' },
  SOCIAL_INSURANCE_ARREARS: { 'zh-CN': '欠缴社会保险费', en: 'Social-insurance arrears' },
  WAGE_ARREARS: { 'zh-CN': '拖欠工资', en: 'Wage arrears' },
  WAGE_ARREARS_COMPLAINTS: { 'zh-CN': '欠薪有效投诉', en: 'Wage-arrears complaints' },
  LAYOFF_REPORT: { 'zh-CN': '裁员报告', en: 'Layoff report' },
  UNEMPLOYMENT_REGISTRATIONS: { 'zh-CN': '失业登记', en: 'Unemployment registrations' },
  TAX_ARREARS: { 'zh-CN': '欠缴税款', en: 'Tax arrears' },
  ABNORMAL_OPERATION: { 'zh-CN': '经营异常', en: 'Abnormal operation' },
  HOTLINE_COMPLAINTS: { 'zh-CN': '12351 热线投诉', en: '12351 hotline complaints' },
  CASES_FILED: { 'zh-CN': '劳动争议案件', en: 'Cases filed' },
  COLLECTIVE_DISPUTES: { 'zh-CN': '集体劳动争议', en: 'Collective disputes' },
  FAILED_AGREEMENTS: { 'zh-CN': '调解未达成协议', en: 'Mediations failed' },
  PAYMENT_ORDERS: { 'zh-CN': '支付令申请', en: 'Payment orders' },
  MONTHS: { 'zh-CN': '个月', en: 'months' },
  WORKERS: { 'zh-CN': '人', en: 'workers' },
  COMPLAINTS: { 'zh-CN': '件', en: 'complaints' },
  CASES: { 'zh-CN': '件', en: 'cases' },
  CLOSURE: { 'zh-CN': '关停', en: 'closure' },
  RELOCATION: { 'zh-CN': '搬迁', en: 'relocation' },
  SUSPENSION: { 'zh-CN': '停产', en: 'suspension' },
  SYSTEM: { 'zh-CN': '本系统案件', en: 'this system’s cases' },
};

export function tw(language: Language, key: WarningTextKey, params: Record<string, string> = {}): string {
  return TEXT[key][language].replace(/\{(\w+)\}/g, (_m, name: string) => params[name] ?? '');
}

export function warningLabel(language: Language, value: string): string {
  return LABELS[value]?.[language] ?? value;
}

/**
 * A value with its unit as people read it: money in yuan from fen, a share in per cent; an abnormal-operation
 * listing (value 1) by its kind alone.
 */
export function valueWithUnit(language: Language, value: number, unit: string): string {
  const locale = language === 'en' ? 'en-GB' : 'zh-CN';
  if (unit === 'FEN') return `¥${(value / 100).toLocaleString(locale, { maximumFractionDigits: 2 })}`;
  if (unit === 'PERCENT') return `${value.toLocaleString(locale, { maximumFractionDigits: 1 })}%`;
  if (unit === 'CLOSURE' || unit === 'RELOCATION' || unit === 'SUSPENSION')
    return warningLabel(language, unit);
  const shown = value.toLocaleString(locale, { maximumFractionDigits: 2 });
  const word = warningLabel(language, unit);
  return language === 'en' || word === unit ? `${shown} ${word}` : `${shown}${word}`;
}

/** A rule's test as a sentence fragment: "≥ 2 months within 90 days". */
export function ruleTest(
  language: Language,
  rule: { comparison: 'GTE' | 'GT'; threshold: number; unit: string; windowDays: number },
): string {
  const sign = rule.comparison === 'GTE' ? '≥' : '>';
  const value = valueWithUnit(language, rule.threshold, rule.unit);
  return language === 'en'
    ? `${sign} ${value} within ${rule.windowDays} days`
    : `${rule.windowDays} 日内 ${sign} ${value}`;
}
