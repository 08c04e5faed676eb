/** A message or a term in each language the API speaks. */
export type Texts = { readonly en: string; readonly 'zh-CN': string };

/** Words substituted for `{param|kind}`, by kind and value. */
export const TERMS = {
  role: {
    mediator: { en: 'mediator', 'zh-CN': '调解员' },
    supervisor: { en: 'supervisor', 'zh-CN': '主管' },
    admin: { en: 'admin', 'zh-CN': '管理员' },
    system: { en: 'system', 'zh-CN': '系统' },
    court: { en: 'court', 'zh-CN': '法院' },
    arbitration: { en: 'arbitration institute', 'zh-CN': '仲裁委员会' },
  },
  /** A role with its English article ("a mediator", "an admin"). */
  aRole: {
    mediator: { en: 'a mediator', 'zh-CN': '调解员' },
    supervisor: { en: 'a supervisor', 'zh-CN': '主管' },
    admin: { en: 'an admin', 'zh-CN': '管理员' },
    system: { en: 'the system', 'zh-CN': '系统' },
    court: { en: 'a court', 'zh-CN': '法院' },
    arbitration: { en: 'an arbitration institute', 'zh-CN': '仲裁委员会' },
  },
  status: {
    FILED: { en: 'FILED', 'zh-CN': '已受理（FILED）' },
    MEDIATING: { en: 'MEDIATING', 'zh-CN': '调解中（MEDIATING）' },
    SETTLED: { en: 'SETTLED', 'zh-CN': '已达成调解协议（SETTLED）' },
    PERFORMED: { en: 'PERFORMED', 'zh-CN': '协议已履行（PERFORMED）' },
    CONFIRMATION_REQUESTED: {
      en: 'CONFIRMATION_REQUESTED',
      'zh-CN': '已申请司法确认（CONFIRMATION_REQUESTED）',
    },
    CONFIRMED: { en: 'CONFIRMED', 'zh-CN': '已司法确认（CONFIRMED）' },
    PAYMENT_ORDER_REQUESTED: {
      en: 'PAYMENT_ORDER_REQUESTED',
      'zh-CN': '已申请支付令（PAYMENT_ORDER_REQUESTED）',
    },
    MEDIATION_FAILED: { en: 'MEDIATION_FAILED', 'zh-CN': '调解不成（MEDIATION_FAILED）' },
    ARBITRATION_PENDING: { en: 'ARBITRATION_PENDING', 'zh-CN': '待仲裁受理（ARBITRATION_PENDING）' },
    ARBITRATION_ACCEPTED: { en: 'ARBITRATION_ACCEPTED', 'zh-CN': '仲裁已受理（ARBITRATION_ACCEPTED）' },
    AWARDED: { en: 'AWARDED', 'zh-CN': '已作出仲裁裁决（AWARDED）' },
    ARBITRATION_DECLINED: { en: 'ARBITRATION_DECLINED', 'zh-CN': '仲裁不予受理（ARBITRATION_DECLINED）' },
    AWARD_EFFECTIVE: { en: 'AWARD_EFFECTIVE', 'zh-CN': '裁决已生效（AWARD_EFFECTIVE）' },
    AWARD_SET_ASIDE: { en: 'AWARD_SET_ASIDE', 'zh-CN': '裁决已撤销（AWARD_SET_ASIDE）' },
    ARBITRAL_MEDIATION_STATEMENT: {
      en: 'ARBITRAL_MEDIATION_STATEMENT',
      'zh-CN': '仲裁调解书已生效（ARBITRAL_MEDIATION_STATEMENT）',
    },
    ARBITRAL_REVIEW_REQUESTED: {
      en: 'ARBITRAL_REVIEW_REQUESTED',
      'zh-CN': '已申请仲裁审查（ARBITRAL_REVIEW_REQUESTED）',
    },
    REVIEW_CONFIRMED: { en: 'REVIEW_CONFIRMED', 'zh-CN': '仲裁审查确认（REVIEW_CONFIRMED）' },
    PAYMENT_ORDER_ISSUED: { en: 'PAYMENT_ORDER_ISSUED', 'zh-CN': '支付令已发出（PAYMENT_ORDER_ISSUED）' },
    LITIGATION_PENDING: { en: 'LITIGATION_PENDING', 'zh-CN': '待法院立案（LITIGATION_PENDING）' },
    IN_LITIGATION: { en: 'IN_LITIGATION', 'zh-CN': '诉讼中（IN_LITIGATION）' },
    JUDGMENT_GIVEN: { en: 'JUDGMENT_GIVEN', 'zh-CN': '法院已判决（JUDGMENT_GIVEN）' },
    ENFORCEMENT_REQUESTED: {
      en: 'ENFORCEMENT_REQUESTED',
      'zh-CN': '已申请强制执行（ENFORCEMENT_REQUESTED）',
    },
    TRANSFER_PENDING: { en: 'TRANSFER_PENDING', 'zh-CN': '移交中（TRANSFER_PENDING）' },
    WITHDRAWN: { en: 'WITHDRAWN', 'zh-CN': '已撤回（WITHDRAWN）' },
    CLOSED: { en: 'CLOSED', 'zh-CN': '已结案（CLOSED）' },
    // Handoff statuses, named by the handoff refusals.
    PENDING: { en: 'PENDING', 'zh-CN': '待送达（PENDING）' },
    DELIVERED: { en: 'DELIVERED', 'zh-CN': '已送达（DELIVERED）' },
    FAILED: { en: 'FAILED', 'zh-CN': '送达失败（FAILED）' },
  },
  resource: {
    case: { en: 'case', 'zh-CN': '案件' },
    handoff: { en: 'handoff', 'zh-CN': '移交记录' },
    reminder: { en: 'reminder', 'zh-CN': '提醒' },
    post: { en: 'post', 'zh-CN': '工作站' },
    partner: { en: 'partner', 'zh-CN': '合作机构' },
    consultation: { en: 'consultation', 'zh-CN': '咨询记录' },
    'duplicate pair': { en: 'duplicate pair', 'zh-CN': '疑似重复立案' },
    'disposition report': { en: 'disposition report', 'zh-CN': '处置回告' },
  },
  destination: {
    'union post': { en: 'union post', 'zh-CN': '工会工作站' },
    court: { en: 'court', 'zh-CN': '法院' },
    'arbitration institute': { en: 'arbitration institute', 'zh-CN': '仲裁委员会' },
  },
  /** The JSON types zod names when a value has the wrong type. */
  type: {
    string: { en: 'a string', 'zh-CN': '字符串' },
    number: { en: 'a number', 'zh-CN': '数字' },
    int: { en: 'a whole number', 'zh-CN': '整数' },
    boolean: { en: 'true or false', 'zh-CN': '布尔值（true 或 false）' },
    object: { en: 'an object', 'zh-CN': '对象' },
    array: { en: 'a list', 'zh-CN': '列表（数组）' },
    date: { en: 'a date', 'zh-CN': '日期' },
    null: { en: 'null', 'zh-CN': 'null' },
  },
  /** String formats zod checks (z.uuid, z.iso.*, z.email …). */
  format: {
    uuid: { en: 'a UUID', 'zh-CN': 'UUID' },
    guid: { en: 'a UUID', 'zh-CN': 'UUID' },
    datetime: { en: 'an ISO-8601 date-time', 'zh-CN': 'ISO-8601 日期时间' },
    date: { en: 'a date YYYY-MM-DD', 'zh-CN': '日期（YYYY-MM-DD）' },
    time: { en: 'a time HH:MM', 'zh-CN': '时间（HH:MM）' },
    email: { en: 'an email address', 'zh-CN': '电子邮件地址' },
    url: { en: 'a URL', 'zh-CN': 'URL' },
    base64: { en: 'base64 text', 'zh-CN': 'base64 文本' },
    base64url: { en: 'base64url text', 'zh-CN': 'base64url 文本' },
  },
} as const satisfies Record<string, Record<string, Texts>>;
export type TermKind = keyof typeof TERMS;
