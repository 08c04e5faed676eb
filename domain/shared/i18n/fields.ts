import type { Texts } from './terms.ts';

/** What is wrong with an input field: zod's issues, the shared formats, identifiers, intake and lists. */
export const FIELD_MESSAGES = {
  // ——— Fields: what zod reports (domain/shared/zod-locale.ts), in words a person reads ———
  'field.required': { en: 'is required', 'zh-CN': '必填' },
  'field.onlyWorkInjury': { en: 'only for a WORK_INJURY claim', 'zh-CN': '仅适用于工伤（WORK_INJURY）请求' },
  'field.type': { en: 'must be {expected|type}', 'zh-CN': '必须是{expected|type}' },
  'field.literal': { en: 'must equal {value}', 'zh-CN': '必须等于 {value}' },
  'field.oneOf': { en: 'must be one of {values}', 'zh-CN': '必须是以下之一：{values}' },
  'field.notEmpty': { en: 'must not be empty', 'zh-CN': '不能为空' },
  'field.minLength': { en: 'must be at least {minimum} characters', 'zh-CN': '至少 {minimum} 个字符' },
  'field.maxLength': { en: 'must be at most {maximum} characters', 'zh-CN': '最多 {maximum} 个字符' },
  'field.exactLength': { en: 'must be exactly {length} characters', 'zh-CN': '必须正好 {length} 个字符' },
  'field.minItems': { en: 'must have at least {minimum} items', 'zh-CN': '至少 {minimum} 项' },
  'field.maxItems': { en: 'must have at most {maximum} items', 'zh-CN': '最多 {maximum} 项' },
  'field.min': { en: 'must be at least {minimum}', 'zh-CN': '不能小于 {minimum}' },
  'field.moreThan': { en: 'must be more than {minimum}', 'zh-CN': '必须大于 {minimum}' },
  'field.max': { en: 'must be at most {maximum}', 'zh-CN': '不能大于 {maximum}' },
  'field.lessThan': { en: 'must be less than {maximum}', 'zh-CN': '必须小于 {maximum}' },
  'field.format': { en: 'must be {format|format}', 'zh-CN': '必须是{format|format}' },
  'field.pattern': { en: 'has the wrong format', 'zh-CN': '格式不正确' },
  'field.multipleOf': { en: 'must be a multiple of {divisor}', 'zh-CN': '必须是 {divisor} 的倍数' },
  'field.unknown': { en: 'unknown field', 'zh-CN': '未知字段' },
  'field.unknownKeys': { en: 'unknown fields: {keys}', 'zh-CN': '未知字段：{keys}' },
  'field.union': { en: 'matches none of the accepted forms', 'zh-CN': '不符合任何可接受的格式' },
  'field.invalid': { en: 'is not valid', 'zh-CN': '无效' },
  'field.notInFuture': { en: 'must not be in the future', 'zh-CN': '不能是将来的日期' },
  'field.notInPast': { en: 'must not be in the past', 'zh-CN': '不能是过去的日期' },

  // ——— Shared formats (domain/shared/validation.ts) ———
  'format.postId': {
    en: 'must look like QD-SN-01 (upper-case letters, digits, dashes)',
    'zh-CN': '格式应类似 QD-SN-01（大写字母、数字和连字符）',
  },
  'format.partnerId': {
    en: 'must be 1–64 letters, digits, - or _',
    'zh-CN': '必须是 1–64 个字母、数字、- 或 _',
  },
  'format.wholeFen': { en: 'must be whole fen', 'zh-CN': '必须是整数（单位：分）' },
  'format.instant': {
    en: 'must be an ISO-8601 date-time with offset',
    'zh-CN': '必须是带时区偏移的 ISO-8601 日期时间（如 2026-12-07T14:30:00+08:00）',
  },
  'format.date': { en: 'must be a date YYYY-MM-DD', 'zh-CN': '必须是日期，格式 YYYY-MM-DD' },
  'format.caseId': { en: 'must be a case id (UUID)', 'zh-CN': '必须是案件编号（UUID）' },
  'format.handoffId': { en: 'must be a handoff id (UUID)', 'zh-CN': '必须是移交编号（UUID）' },
  'format.wholeNumber': {
    en: 'must be a whole number from 1 to {max}',
    'zh-CN': '必须是 1 到 {max} 之间的整数',
  },
  'format.caseNumber': {
    en: 'must be a case number like QD-SN-01-2026-000042 (the post, the year, six digits)',
    'zh-CN': '必须是案件编号，例如 QD-SN-01-2026-000042（工作站、年份、六位序号）',
  },
  'format.year': { en: 'must be a year, e.g. 2026', 'zh-CN': '必须是年份，例如 2026' },
  'format.yearFrom': { en: 'must be 2000 or later', 'zh-CN': '不能早于 2000 年' },
  'format.yearTo': { en: 'must be 2100 or earlier', 'zh-CN': '不能晚于 2100 年' },

  // ——— Chinese identifiers (domain/shared/identifiers.ts) ———
  'id.residentShape': {
    en: 'must be 18 characters: 17 digits and a digit or X',
    'zh-CN': '必须是 18 位：17 位数字加 1 位数字或 X',
  },
  'id.residentBirth': { en: 'does not encode a valid birth date', 'zh-CN': '其中的出生日期无效' },
  'id.residentCheck': {
    en: 'check digit does not match (GB 11643)',
    'zh-CN': '校验码不符（GB 11643）',
  },
  'id.creditShape': {
    en: 'must be 18 characters of digits and upper-case letters other than I, O, S, V, Z',
    'zh-CN': '必须是 18 位数字或大写字母（不含 I、O、S、V、Z）',
  },
  'id.creditCheck': {
    en: 'check character does not match (GB 32100)',
    'zh-CN': '校验码不符（GB 32100）',
  },
  'id.phone': {
    en: 'must be a mainland mobile (11 digits starting with 1) or a landline with its area code, e.g. 0532-88881234',
    'zh-CN': '必须是以 1 开头的 11 位大陆手机号码，或带区号的固定电话，例如 0532-88881234',
  },
  'employer.creditCodeRequired': {
    en: 'required (or idNumber, for an employer that is a natural person or a work team)',
    'zh-CN': '必填（用人单位是自然人或包工头、施工队时，改填 idNumber）',
  },
  'employer.notBoth': {
    en: 'give creditCode for an organisation or idNumber for a natural person, not both',
    'zh-CN': '单位填写 creditCode，自然人填写 idNumber，二者不能同时填写',
  },
  'employer.idRequired': {
    en: "required for a {kind} employer (the person's ID number)",
    'zh-CN': '用人单位类型为 {kind} 时必填（该自然人的身份证号码）',
  },
  'employer.noCreditCode': {
    en: 'a {kind} employer has no credit code; one with a code is an ORGANISATION',
    'zh-CN': '{kind} 类型的用人单位没有统一社会信用代码；有代码的应为 ORGANISATION',
  },
  'employer.creditCodeForOrganisation': {
    en: 'required for an ORGANISATION employer',
    'zh-CN': 'ORGANISATION 类型的用人单位必填',
  },
  'employer.idOnlyForPerson': {
    en: 'only for a NATURAL_PERSON or WORK_TEAM employer',
    'zh-CN': '仅适用于 NATURAL_PERSON 或 WORK_TEAM 类型的用人单位',
  },
  'id.mobile': {
    en: 'must be an 11-digit mainland mobile number starting with 1',
    'zh-CN': '必须是以 1 开头的 11 位大陆手机号码',
  },

  // ——— Intake and filing (domain/case) ———
  'intake.oneWorker': { en: 'at least one worker', 'zh-CN': '至少填写一名劳动者' },
  'intake.oneClaim': { en: 'at least one claim', 'zh-CN': '至少填写一项请求' },
  'intake.samePerson': {
    en: 'is the same person as workers[{index}]',
    'zh-CN': '与 workers[{index}] 是同一人',
  },
  'intake.withinYear': {
    en: 'must be within the last year (a backlog case at most a year old)',
    'zh-CN': '必须在最近一年内（补录案件最多一年前）',
  },
  'intake.totalTooLarge': { en: 'total amount is too large', 'zh-CN': '金额合计过大' },
  // Parties, collective disputes, agents and oral applications (LDMAL arts. 7, 12, 24–25)
  'intake.workerTwice': { en: 'lists a worker twice', 'zh-CN': '重复列出了同一名劳动者' },
  'intake.notAWorker': { en: 'is not a worker of this case', 'zh-CN': '不是本案的劳动者' },
  'intake.representativesRequired': {
    en: 'required for a collective dispute: ten or more workers with a common claim elect representatives (LDMAL art. 7)',
    'zh-CN':
      '集体争议必填：劳动者一方在十人以上并有共同请求的，推举代表参加调解（《劳动争议调解仲裁法》第七条）',
  },
  'intake.representativesOnlyCollective': {
    en: 'only for a collective dispute: ten or more workers with a common claim (LDMAL art. 7)',
    'zh-CN': '仅适用于集体争议：劳动者一方在十人以上并有共同请求（《劳动争议调解仲裁法》第七条）',
  },
  'intake.representativeNotCommon': {
    en: 'must be one of the workers sharing the common claim',
    'zh-CN': '必须是提出共同请求的劳动者之一',
  },
  'intake.oralRecordRequired': {
    en: 'required for an ORAL application (LDMAL art. 12)',
    'zh-CN': '口头申请必填：应当场记录（《劳动争议调解仲裁法》第十二条）',
  },
  'intake.oralRecordOnlyOral': { en: 'only for an ORAL application', 'zh-CN': '仅适用于口头申请（ORAL）' },
  'intake.receivedOnOral': {
    en: 'must be the day the oral application was recorded',
    'zh-CN': '必须是口头申请当场记录的日期',
  },
  'agent.workerIndexRequired': {
    en: 'required for an agent of a worker',
    'zh-CN': '劳动者的代理人必填',
  },
  'agent.workerIndexOnlyWorker': {
    en: 'only for an agent of a worker',
    'zh-CN': '仅适用于劳动者的代理人',
  },
  'agent.reasonRequired': {
    en: "required for a worker's legal representative (MINOR or INCAPACITY, LDMAL art. 25)",
    'zh-CN':
      '劳动者的法定代理人必填（MINOR 未成年或 INCAPACITY 丧失行为能力，《劳动争议调解仲裁法》第二十五条）',
  },
  'agent.reasonOnlyLegal': {
    en: "only for a worker's legal representative",
    'zh-CN': '仅适用于劳动者的法定代理人',
  },
  'agent.nextOfKinWorker': {
    en: 'the next of kin acts for a deceased worker (LDMAL art. 25)',
    'zh-CN': '近亲属代已死亡的劳动者参加（《劳动争议调解仲裁法》第二十五条）',
  },
  'agent.kindRequired': { en: 'required for an appointed agent', 'zh-CN': '委托代理人必填' },
  'agent.authorityRequired': {
    en: 'required for an appointed agent (GENERAL or SPECIAL, LDMAL art. 24)',
    'zh-CN': '委托代理人必填（GENERAL 一般授权或 SPECIAL 特别授权，《劳动争议调解仲裁法》第二十四条）',
  },
  'agent.onlyAppointed': { en: 'only for an appointed agent', 'zh-CN': '仅适用于委托代理人' },
  'filing.roleMayNot': { en: 'role {role|role} may not file cases', 'zh-CN': '{role|role}不能登记案件' },
  'filing.ownPostOnly': {
    en: 'a {role|role} files cases for post {postId} only',
    'zh-CN': '{role|role}只能为工作站 {postId} 登记案件',
  },
  'list.ownPostOnly': {
    en: 'a {role|role} lists the cases of post {postId} only',
    'zh-CN': '{role|role}只能查看工作站 {postId} 的案件',
  },
  'list.dueWithStatus': { en: 'cannot be combined with status', 'zh-CN': '不能与 status 同时使用' },
  'list.numberAlone': { en: 'cannot be combined with number', 'zh-CN': '不能与 number 同时使用' },
  'reference.unknownTokenPost': {
    en: "no union post {postId} is registered (the post in the caller's token)",
    'zh-CN': '未登记的工会工作站：{postId}（调用者令牌中的工作站）',
  },
  'list.cursor': { en: 'is not a cursor this list issued', 'zh-CN': '不是本列表签发的分页游标' },
  'reference.unknown': {
    en: 'no {kind|destination} {id} is registered',
    'zh-CN': '未登记的{kind|destination}：{id}',
  },

  // ——— Generic domain errors (domain/shared/errors.ts) ———
  'error.invalidInput': { en: 'invalid input', 'zh-CN': '输入无效' },
  'error.notFound': { en: '{resource|resource} {id} not found', 'zh-CN': '未找到{resource|resource} {id}' },
  'error.versionStale': {
    en: 'case version {expected} is stale',
    'zh-CN': '案件版本 {expected} 已过期',
  },
  'error.versionStaleCurrent': {
    en: 'case version {expected} is stale; current version is {current}',
    'zh-CN': '案件版本 {expected} 已过期，当前版本为 {current}',
  },
  'error.internal': { en: 'internal error', 'zh-CN': '服务器内部错误' },
  'error.unavailable': {
    en: 'service unavailable: this function is not configured for the request',
    'zh-CN': '服务暂不可用：该功能尚未为此请求完成配置',
  },
} as const satisfies Record<string, Texts>;
