import type { Texts } from './terms.ts';

/** Issue 22's edge refusals: a partner acting before its handoff arrived. */
export const TRUST_EDGE_MESSAGES = {
  'callback.handoffNotDelivered': {
    en: '{type} is refused while the handoff {handoffId} to this partner is {handoffStatus}: it acts once the handoff is delivered',
    'zh-CN': '移交 {handoffId} 的状态为 {handoffStatus}（尚未送达该机构），不能接收 {type}；送达后方可办理',
  },
} as const satisfies Record<string, Texts>;
