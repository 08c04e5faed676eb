import type { Texts } from './terms.ts';

/** Refusals of the lifecycle: actions, their guards, partner events, handoffs, reminders and calendars. */
export const LIFECYCLE_MESSAGES = {
  // ——— The lifecycle (domain/lifecycle) ———
  'action.notInState': {
    en: 'action {action} is not allowed while the case is {status|status}',
    'zh-CN': '案件当前状态为{status|status}，不能执行 {action}',
  },
  'action.roleMayNot': {
    en: '{role|aRole} may not take {action}; {roles|aRole} may',
    'zh-CN': '{role|aRole}不能执行 {action}，只有{roles|aRole}可以',
  },
  'guard.handBackCourt': {
    en: 'a court-delegated case is handed back to its court (FAIL_MEDIATION, then RETURN_TO_COURT)',
    'zh-CN': '法院委派调解的案件应退回原法院（先 FAIL_MEDIATION，再 RETURN_TO_COURT）',
  },
  'guard.handBackArbitration': {
    en: 'a pre-arbitration case is handed back to arbitration (FAIL_MEDIATION, then REFER_TO_ARBITRATION)',
    'zh-CN': '仲裁前调解的案件应退回仲裁（先 FAIL_MEDIATION，再 REFER_TO_ARBITRATION）',
  },
  'guard.heldAtBeforeFiling': {
    en: 'must not be before the case was filed',
    'zh-CN': '不能早于案件受理时间',
  },
  'guard.sessionFirst': {
    en: 'record at least one mediation session before signing an agreement',
    'zh-CN': '签订协议前至少要记录一次调解',
  },
  'guard.consent': {
    en: 'must be true: mediation resumes only with both parties’ consent',
    'zh-CN': '必须为 true：只有双方同意才能恢复调解',
  },
  'guard.samePost': { en: 'the case already belongs to that post', 'zh-CN': '案件已属于该工作站' },
  'guard.noTransfer': { en: 'no transfer is pending', 'zh-CN': '没有待处理的移交' },
  'guard.exceedsOwed': {
    en: 'exceeds the {owed} fen still owed under the agreement',
    'zh-CN': '超过协议尚欠的 {owed} 分',
  },
  'guard.partialPayment': { en: 'partial payment', 'zh-CN': '部分付款' },
  'guard.noAgreement': { en: 'no mediation agreement', 'zh-CN': '没有调解协议' },
  'guard.confirmationLapsed': {
    en: 'judicial confirmation must be requested within {days} days of the agreement taking effect (CPL art. 205); the period ended {date}',
    'zh-CN':
      '司法确认应在调解协议生效之日起 {days} 日内申请（《民事诉讼法》第二百零五条）；期限已于 {date} 届满',
  },
  // ——— The mediation agreement's formalities (SIGN_AGREEMENT, RECORD_PERFORMANCE; LDMAL art. 14) ———
  'agreement.sealRequired': {
    en: 'must be true: an agreement takes effect only under the mediation organisation’s seal (LDMAL art. 14)',
    'zh-CN': '必须为 true：调解协议书须加盖调解组织印章后生效（《劳动争议调解仲裁法》第十四条）',
  },
  'agreement.beforeReceipt': {
    en: 'must not be before the mediation application was received ({date})',
    'zh-CN': '不能早于收到调解申请之日（{date}）',
  },
  'agreement.noSuchClaim': {
    en: 'the case has no claim {claim} (claims are numbered from 0; it has {count})',
    'zh-CN': '案件没有第 {claim} 项请求（请求从 0 起编号，共 {count} 项）',
  },
  'agreement.claimTwice': { en: 'claim {claim} is itemised twice', 'zh-CN': '第 {claim} 项请求重复列出' },
  'agreement.itemsSum': {
    en: 'the items sum to {sum} fen, not the agreement’s {total} fen',
    'zh-CN': '各项金额合计 {sum} 分，与协议总额 {total} 分不符',
  },
  'agreement.instalmentOrder': {
    en: 'must be after the instalment before it',
    'zh-CN': '必须晚于前一期的日期',
  },
  'agreement.beforeEffective': {
    en: 'must not be before the agreement takes effect ({date})',
    'zh-CN': '不能早于协议生效之日（{date}）',
  },
  'agreement.afterPerformBy': {
    en: 'must not be after performBy ({date})',
    'zh-CN': '不能晚于履行期限 performBy（{date}）',
  },
  'agreement.instalmentsSum': {
    en: 'the instalments sum to {sum} fen, not the agreement’s {total} fen',
    'zh-CN': '各期金额合计 {sum} 分，与协议总额 {total} 分不符',
  },
  'agreement.noSuchWorker': {
    en: 'the case has no worker {worker} (workers are numbered from 0; it has {count})',
    'zh-CN': '案件没有第 {worker} 名劳动者（劳动者从 0 起编号，共 {count} 名）',
  },
  'agreement.workerTwice': { en: 'worker {worker} is named twice', 'zh-CN': '第 {worker} 名劳动者重复列出' },
  'agreement.allWorkersSign': {
    en: 'every worker of a dispute that is not collective is a party and signs (LDMAL art. 14); missing: {missing}',
    'zh-CN': '非集体争议的每名劳动者都是当事人，均须签名（《劳动争议调解仲裁法》第十四条）；缺少：{missing}',
  },
  'agreement.noSchedule': {
    en: 'the agreement has no instalment schedule',
    'zh-CN': '该协议没有分期履行安排',
  },
  'agreement.noSuchInstalment': {
    en: 'the agreement has no instalment {instalment} (it has {count})',
    'zh-CN': '该协议没有第 {instalment} 期（共 {count} 期）',
  },
  'agreement.exceedsInstalment': {
    en: 'exceeds the {owed} fen still owed on instalment {instalment}',
    'zh-CN': '超过第 {instalment} 期尚欠的 {owed} 分',
  },
  'guard.extensionConsent': {
    en: 'must be true: the mediation period is extended only with both parties’ consent',
    'zh-CN': '必须为 true：只有双方同意才能延长调解期限',
  },
  'guard.noMediationToExtend': {
    en: 'no mediation period is running to extend',
    'zh-CN': '没有正在计算的调解期限可以延长',
  },
  'guard.mediationLapsed': {
    en: 'the mediation period ended {date}; a lapsed period is not extended',
    'zh-CN': '调解期限已于 {date} 届满，届满的期限不能延长',
  },
  'guard.nothingOwed': { en: 'nothing is owed under the agreement', 'zh-CN': '协议项下没有欠款' },
  'guard.untilToPay': {
    en: 'the employer has until {date} to pay',
    'zh-CN': '用人单位的付款期限至 {date}',
  },
  'guard.untilToPerform': {
    en: 'the employer has until {date} to perform',
    'zh-CN': '用人单位的履行期限至 {date}',
  },
  'guard.untilAgreedDate': {
    en: 'the employer has until the agreed date to perform',
    'zh-CN': '用人单位的履行期限尚未届满',
  },
  'guard.stillOwed': {
    en: '{owed} fen are still owed: record the payments',
    'zh-CN': '仍欠 {owed} 分：请先记录付款',
  },
  'guard.courtDelegatedNotArbitration': {
    en: 'a court-delegated case goes back to its court, not to arbitration',
    'zh-CN': '法院委派调解的案件应退回原法院，不能申请仲裁',
  },
  'guard.courtDelegatedBack': {
    en: 'a court-delegated case goes back to its court',
    'zh-CN': '法院委派调解的案件应退回原法院',
  },
  'guard.mediationRuns': {
    en: 'the mediation period runs until {date}; before then, FAIL_MEDIATION first (LDMAL art. 14)',
    'zh-CN': '调解期限至 {date}；期满前请先执行 FAIL_MEDIATION（《劳动争议调解仲裁法》第十四条）',
  },
  'guard.noLimitationRunning': {
    en: 'no limitation runs on this case: it restarts when the mediation fails or the agreement is not performed (LDMAL art. 27)',
    'zh-CN': '本案仲裁时效未在计算：调解不成或协议未履行时才重新计算（《劳动争议调解仲裁法》第二十七条）',
  },
  'guard.noLimitationSuspended': {
    en: 'the limitation is not suspended (LDMAL art. 27)',
    'zh-CN': '仲裁时效未中止（《劳动争议调解仲裁法》第二十七条）',
  },
  'mediation.noticeBeforeReceipt': {
    en: 'must not be before the application was received on {date}',
    'zh-CN': '不能早于申请受理日期 {date}',
  },
  'guard.onlyCourtDelegatedReturn': {
    en: 'only a court-delegated case is returned to a court',
    'zh-CN': '只有法院委派调解的案件才能退回法院',
  },
  'guard.delegatedRuns': {
    en: 'the delegated mediation period runs until {date}; before then, FAIL_MEDIATION first',
    'zh-CN': '委派调解期限至 {date}；期满前请先执行 FAIL_MEDIATION',
  },
  'guard.onlySuit': { en: 'only a suit is possible before an award', 'zh-CN': '裁决作出前只能起诉' },
  'guard.institutePending': {
    en: 'the institute still has time to decide on acceptance (LDMAL art. 29)',
    'zh-CN': '仲裁委员会仍在受理审查期内（《劳动争议调解仲裁法》第二十九条）',
  },
  'guard.awardPending': {
    en: 'the award period has not run out (LDMAL art. 43)',
    'zh-CN': '仲裁裁决期限尚未届满（《劳动争议调解仲裁法》第四十三条）',
  },
  'guard.onlyFinalSetAside': {
    en: 'only a final award can be set aside (LDMAL art. 49)',
    'zh-CN': '只有终局裁决才能申请撤销（《劳动争议调解仲裁法》第四十九条）',
  },
  'guard.noSetAsideApplication': {
    en: 'no application to set a final award aside is before the court',
    'zh-CN': '法院没有待审的撤销终局裁决申请',
  },
  'guard.noEnforcement': { en: 'no enforcement was requested', 'zh-CN': '没有申请强制执行' },

  'guard.onlyFailedCancel': {
    en: 'only a handoff that failed can be cancelled',
    'zh-CN': '只有送达失败的移交才能取消',
  },
  'guard.handoffDidNotLeave': {
    en: 'the failed handoff did not leave the case {status|status}',
    'zh-CN': '该失败的移交并非从{status|status}状态发出',
  },

  // ——— Partner decisions and callbacks (domain/callbacks) ———
  'callback.unknownType': {
    en: 'must be a known partner event type',
    'zh-CN': '必须是已知的合作机构事件类型',
  },
  'callback.caseIdRequired': { en: 'is required for {type}', 'zh-CN': '{type} 事件必填' },
  'callback.wrongKind': {
    en: 'must be a {pattern} event for this partner',
    'zh-CN': '该合作机构只能发送 {pattern} 事件',
  },
  'callback.notInState': {
    en: '{type} is not allowed while the case is {status|status}',
    'zh-CN': '案件当前状态为{status|status}，不能接收 {type}',
  },
  'callback.rejected': {
    en: 'the webhook signature, timestamp or partner is not valid',
    'zh-CN': 'Webhook 签名、时间戳或合作机构无效',
  },
  'callback.idReused': {
    en: 'this webhook-id was already used with a different body',
    'zh-CN': '该 webhook-id 已用于另一请求体',
  },

  // ——— Handoffs, reminders, calendar, directory ———
  'handoff.adminRetries': { en: 'only an admin retries a handoff', 'zh-CN': '只有管理员可以重试移交' },
  'handoff.adminRedrives': {
    en: 'only an admin redrives a dead-letter queue',
    'zh-CN': '只有管理员可以重新投递死信队列',
  },
  'handoff.notFailed': {
    en: 'handoff is {status|status}, not FAILED',
    'zh-CN': '移交状态为{status|status}，不是送达失败（FAILED）',
  },
  'handoff.noLongerFailed': { en: 'the handoff is no longer FAILED', 'zh-CN': '该移交已不再是送达失败状态' },
  'handoff.overtaken': {
    en: "overtaken: the case's later handoff {handoffId} to {destination} was delivered first",
    'zh-CN': '已被取代：该案件之后发往 {destination} 的移交 {handoffId} 已先送达',
  },
  'handoff.noLongerAwaits': {
    en: 'the case no longer awaits this transfer',
    'zh-CN': '案件已不再等待此移交',
  },
  'reminder.ownPostOnly': {
    en: 'a {role|role} reads the reminders of post {postId} only',
    'zh-CN': '{role|role}只能查看工作站 {postId} 的提醒',
  },
  'reminder.idShape': {
    en: 'must be <caseId>~<clockId>~<stage>',
    'zh-CN': '格式必须是 <caseId>~<clockId>~<stage>',
  },
  'reminder.notEncoded': {
    en: 'is not a percent-encoded reminder id',
    'zh-CN': '不是经过百分号编码的提醒编号',
  },
  'calendar.adminLoads': {
    en: 'only an admin loads the holiday calendar',
    'zh-CN': '只有管理员可以导入节假日日历',
  },
  'calendar.holidaysRequired': {
    en: 'must list at least the year’s statutory holidays',
    'zh-CN': '至少要列出该年的法定节假日',
  },
  'calendar.dateInYear': { en: 'must be a date in {year}', 'zh-CN': '必须是 {year} 年的日期' },
  'calendar.repeats': { en: 'repeats {other}', 'zh-CN': '与 {other} 重复' },
  'calendar.alsoRest': { en: 'is also listed in restDays', 'zh-CN': '也出现在 restDays 中' },
  'calendar.makeUpWeekend': {
    en: 'must be a Saturday or Sunday (a make-up working day)',
    'zh-CN': '必须是周六或周日（调休上班日）',
  },
  'period.notExtendable': {
    en: 'period {period} cannot be extended',
    'zh-CN': '期限 {period} 不能延长',
  },
  'period.extensionMax': {
    en: 'period {period} may be extended by at most {max} days ({basis})',
    'zh-CN': '期限 {period} 最多可延长 {max} 日（{basis}）',
  },
  'period.years': { en: 'period {period} is counted in years', 'zh-CN': '期限 {period} 以年计算' },
  'directory.adminMaintains': {
    en: 'only an admin maintains the post directory',
    'zh-CN': '只有管理员可以维护工作站名录',
  },
} as const satisfies Record<string, Texts>;
