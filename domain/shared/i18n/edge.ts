import type { Texts } from './terms.ts';

/** The HTTP edge's own refusals and the reasons for a 401. */
export const EDGE_MESSAGES = {
  // ——— The HTTP edge (functions/http) ———
  'http.noRoute': { en: 'no route for {method} {path}', 'zh-CN': '没有 {method} {path} 这个接口' },
  'http.tooLarge': {
    en: 'request bodies are limited to {limit} bytes',
    'zh-CN': '请求体不能超过 {limit} 字节',
  },
  'http.gatewayTooLarge': { en: 'request body too large', 'zh-CN': '请求体过大' },
  'http.json': { en: 'send the body as application/json', 'zh-CN': '请求体须以 application/json 发送' },
  'http.bodyRequired': { en: 'a JSON object is required', 'zh-CN': '需要一个 JSON 对象' },
  'http.bodyNotJson': { en: 'is not valid JSON', 'zh-CN': '不是有效的 JSON' },
  'http.bodyNotObject': { en: 'must be a JSON object', 'zh-CN': '必须是 JSON 对象' },
  'http.ifMatch': {
    en: 'must be the ETag of the case, e.g. "3"',
    'zh-CN': '必须是案件的 ETag，例如 "3"',
  },
  'http.idempotencyKey': {
    en: 'must be 1–255 visible ASCII characters',
    'zh-CN': '必须是 1–255 个可见 ASCII 字符',
  },
  'http.idempotencyReused': {
    en: 'this Idempotency-Key was already used with a different request',
    'zh-CN': '该 Idempotency-Key 已用于另一个请求',
  },
  'http.inProgress': { en: 'the same request is in progress', 'zh-CN': '相同的请求正在处理中' },
  'http.claims': {
    en: 'the token does not carry a valid role and postId',
    'zh-CN': '令牌中没有有效的角色（role）和工作站（postId）',
  },

  // Configuration read at cold start (the message is logged, not answered, but speaks like the rest).
  'config.json': { en: 'must be JSON', 'zh-CN': '必须是 JSON' },
  'config.webhookSecret': { en: 'must be whsec_ + base64', 'zh-CN': '必须是 whsec_ 加 base64 文本' },
  'config.callbackSecrets': {
    en: 'callback secrets must differ from the webhook secrets',
    'zh-CN': '回调密钥必须与推送密钥不同',
  },
  'config.sealingKey': { en: 'must be 32 bytes in base64', 'zh-CN': '必须是 32 字节的 base64 文本' },

  // ——— Authentication: why a 401 (infra/local/gateway.ts; in AWS the JWT authorizer answers itself) ———
  'auth.required': { en: 'a valid bearer token is required', 'zh-CN': '需要有效的 Bearer 令牌' },
  'auth.missing': {
    en: 'no bearer token: send Authorization: Bearer <token>',
    'zh-CN': '缺少令牌：请发送 Authorization: Bearer <令牌>',
  },
  'auth.malformed': {
    en: 'the bearer token is not a well-formed JWT',
    'zh-CN': '令牌格式错误，不是有效的 JWT',
  },
  'auth.expired': {
    en: 'the bearer token expired at {at} (Asia/Shanghai)',
    'zh-CN': '令牌已于 {at}（北京时间）过期',
  },
  'auth.notYetValid': { en: 'the bearer token is not valid yet', 'zh-CN': '令牌尚未生效' },
  'auth.issuer': {
    en: 'the bearer token was not issued by {issuer}',
    'zh-CN': '令牌不是由 {issuer} 签发的',
  },
  'auth.audience': {
    en: 'the bearer token is not meant for this API ({audience})',
    'zh-CN': '令牌的受众不是本接口（{audience}）',
  },
  'auth.signature': {
    en: 'the bearer token signature does not verify',
    'zh-CN': '令牌签名验证失败',
  },
  'auth.algorithm': {
    en: 'the bearer token is signed with an algorithm this API does not accept',
    'zh-CN': '令牌使用了本接口不接受的签名算法',
  },
  'auth.claims': {
    en: 'the bearer token lacks a required claim ({claim})',
    'zh-CN': '令牌缺少必需的声明（{claim}）',
  },
} as const satisfies Record<string, Texts>;
