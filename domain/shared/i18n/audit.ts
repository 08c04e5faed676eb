import type { Texts } from './terms.ts';

/** Issue 22's audit: access records, the hash chain and its proofs. */
export const AUDIT_MESSAGES = {
  'audit.accessLogRole': {
    en: "a case's access log is for the supervisors of its post and for admins",
    'zh-CN': '案件的访问记录仅供本站点负责人和管理员查看',
  },
  'audit.noCheckpoint': {
    en: 'no checkpoint holds this case yet: its chain is taken at the next checkpoint',
    'zh-CN': '该案件尚未纳入任何存证检查点，将在下一个检查点纳入',
  },
} as const satisfies Record<string, Texts>;
