import type { Texts } from './terms.ts';

/** The consultations' messages (domain/consultations/): what a recorder or a reader of them is told. */
export const CONSULTATION_MESSAGES = {
  'consultation.oneCategory': { en: 'at least one category', 'zh-CN': '至少选择一个咨询类别' },
  'consultation.categoryTwice': { en: 'lists a category twice', 'zh-CN': '重复列出了同一咨询类别' },
  'consultation.caseFromRecorded': {
    en: 'a case is opened from a recorded consultation (POST /consultations/{consultationId}/case)',
    'zh-CN': '案件须由已登记的咨询转立（POST /consultations/{consultationId}/case）',
  },
  'consultation.referredToRequired': {
    en: 'required when the worker was referred elsewhere (to whom)',
    'zh-CN': '劳动者被引导至其他机构时必填（引导至何处）',
  },
  'consultation.referredToOnly': {
    en: 'only when the outcome is REFERRED_ELSEWHERE',
    'zh-CN': '仅在处理结果为 REFERRED_ELSEWHERE（引导至其他机构）时填写',
  },
  'consultation.platformOnly': {
    en: 'only for a worker in a new form of employment (newEmploymentForm true)',
    'zh-CN': '仅适用于新就业形态劳动者（newEmploymentForm 为 true）',
  },
  'consultation.withinYear': { en: 'must be within the last year', 'zh-CN': '须在一年以内' },
  'consultation.recordOwnPost': {
    en: '{role|aRole} records consultations at post {postId} only',
    'zh-CN': '{role|aRole}只能为本工作站 {postId} 登记咨询',
  },
  'consultation.listOwnPost': {
    en: '{role|aRole} lists the consultations of post {postId} only',
    'zh-CN': '{role|aRole}只能查看本工作站 {postId} 的咨询记录',
  },
  'consultation.casePost': {
    en: "the case opens at the consultation's post, {postId}",
    'zh-CN': '案件应在该咨询所属的工作站 {postId} 立案',
  },
  'consultation.id': { en: 'must be a consultation id (UUID)', 'zh-CN': '须为咨询记录编号（UUID）' },
  'consultation.caseOpened': {
    en: 'this consultation already opened case {caseId}',
    'zh-CN': '该咨询已转立案件 {caseId}',
  },
} as const satisfies Record<string, Texts>;
