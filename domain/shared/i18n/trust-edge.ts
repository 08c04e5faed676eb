import type { Texts } from './terms.ts';

/**
 * Issue 22's edge refusals: a partner acting before its handoff arrived; a request that bypassed the
 * stage's CloudFront distribution; a caller over its per-caller limit (WAF answers that one itself, with
 * this text rendered at synth, infra/cdk/constructs/api-firewall.ts).
 */
export const TRUST_EDGE_MESSAGES = {
  'http.notThroughFront': {
    en: 'this API is served only through its published address',
    'zh-CN': '本接口只能通过其公布的地址访问',
  },
  'http.perCallerLimit': {
    en: 'too many requests from this caller: wait {seconds} seconds and try again',
    'zh-CN': '该调用方请求过多：请等待 {seconds} 秒后重试',
  },
  'callback.handoffNotDelivered': {
    en: '{type} is refused while the handoff {handoffId} to this partner is {handoffStatus}: it acts once the handoff is delivered',
    'zh-CN': '移交 {handoffId} 的状态为 {handoffStatus}（尚未送达该机构），不能接收 {type}；送达后方可办理',
  },
} as const satisfies Record<string, Texts>;
