/**
 * The key builders of the cases table (table-design.ts): each item's `PK`/`SK` and each index partition's
 * key, so that a key is spelt in one place.
 */
export const keys = {
  case: (caseId: string) => ({ PK: `CASE#${caseId}`, SK: 'CASE' }),
  event: (caseId: string, version: number, seq: number) => ({
    PK: `CASE#${caseId}`,
    SK: `EVENT#${String(version).padStart(10, '0')}#${String(seq).padStart(2, '0')}`,
  }),
  eventPrefix: 'EVENT#',
  handoff: (caseId: string, requestedVersion: number) => ({
    PK: `CASE#${caseId}`,
    SK: `HANDOFF#${String(requestedVersion).padStart(10, '0')}`,
  }),
  handoffPrefix: 'HANDOFF#',
  /** The one partition of the sweepHandoffs index: few handoffs are in flight at any moment. */
  pending: 'PENDING',
  counter: (postId: string, year: number) => ({ PK: `COUNTER#${postId}#${year}`, SK: 'COUNTER' }),
  /** One item per loaded calendar year, all in one small partition that a single Query reads whole. */
  calendarYear: (year: number) => ({ PK: 'CALENDAR', SK: `YEAR#${year}` }),
  calendarPartition: 'CALENDAR',
  /**
   * The post directory, one partition: tens of thousands of small items at national scale, read by key
   * (and cached by the functions) and listed a page at a time by admins and mediators.
   */
  directoryPost: (postId: string) => ({ PK: 'DIRECTORY#POSTS', SK: `POST#${postId}` }),
  directoryPostPrefix: 'POST#',
  clock: (caseId: string, clockId: string) => ({ PK: `CASE#${caseId}`, SK: `CLOCK#${clockId}` }),
  reminder: (caseId: string, clockId: string, stage: string) => ({
    PK: `CASE#${caseId}`,
    SK: `REMINDER#${clockId}#${stage}`,
  }),
  /** A due-index partition: one Shanghai date, one shard. */
  due: (date: string, shard: number) => `DUE#${date}#${String(shard).padStart(2, '0')}`,
  dueSort: (at: string, caseId: string, clockId: string) => `${at}#${caseId}#${clockId}`,
  provisional: (year: string | number) => `PROVISIONAL#${year}`,
  postReminders: (postId: string, status: string) => `REMINDERS#${postId}#${status}`,
  raised: (raisedAt: string, reminderId: string) => `${raisedAt}#${reminderId}`,
  /**
   * A partition of the reminders' outbox (unpublishedReminders): every reminder passes through it, so a
   * national peak's (hundreds a second) is spread over UNPUBLISHED_SHARDS, by case.
   */
  unpublished: (shard: number) => `UNPUBLISHED#${String(shard).padStart(2, '0')}`,
  /** The outbox's one partition before it was sharded: still read, never written. */
  unpublishedLegacy: 'UNPUBLISHED',
  sweepCheckpoint: { PK: 'SWEEP#REMINDERS', SK: 'CHECKPOINT' },
  /** How far the sweep of one shard task got, in the shard's own partition (TTL: operational only). */
  shardProgress: (date: string, shard: number, now: string) => ({
    PK: `SWEEP#SHARD#${date}#${String(shard).padStart(2, '0')}`,
    SK: `RUN#${now}`,
  }),
  post: (postId: string) => `POST#${postId}`,
  postStatus: (postId: string, status: string) => `POST#${postId}#STATUS#${status}`,
  list: (createdAt: string, caseId: string) => `${createdAt}#${caseId}`,
  /**
   * A consultation (`CONSULTATION#id` / `CONSULTATION`), listed per post through the byPost index under
   * its own partition prefix (`postKey` `CONSULTATIONS#post`, `listKey` `consultedAt#id`): no new index.
   */
  consultation: (consultationId: string) => ({ PK: `CONSULTATION#${consultationId}`, SK: 'CONSULTATION' }),
  postConsultations: (postId: string) => `CONSULTATIONS#${postId}`,
  /**
   * Early warnings (issue 20), partitioned by the employer's credit code: its signals
   * (`EMPLOYER#code` / `SIGNAL#observedOn#identity`), its state (`STATE`: the open warning, the counter)
   * and its warnings (`WARNING#sequence`). A post's warnings are listed through byPost
   * (`WARNINGS#post` / `<due>#<id>`), a district's open ones through openWarnings.
   */
  employer: (creditCode: string) => `EMPLOYER#${creditCode}`,
  signal: (creditCode: string, observedOn: string, identity: string) => ({
    PK: `EMPLOYER#${creditCode}`,
    SK: `SIGNAL#${observedOn}#${identity}`,
  }),
  signalPrefix: 'SIGNAL#',
  employerState: (creditCode: string) => ({ PK: `EMPLOYER#${creditCode}`, SK: 'STATE' }),
  warning: (creditCode: string, sequence: number) => ({
    PK: `EMPLOYER#${creditCode}`,
    SK: `WARNING#${String(sequence).padStart(6, '0')}`,
  }),
  postWarnings: (postId: string) => `WARNINGS#${postId}`,
  openWarnings: (district: string, level: number) => `WARNINGS#${district}#${level}`,
  /** The rule table's versions, one small partition; the current is the highest. */
  warningRules: (version: number) => ({
    PK: 'WARNING_RULES',
    SK: `VERSION#${String(version).padStart(6, '0')}`,
  }),
  warningRulesPartition: 'WARNING_RULES',
  /** The post–district table (admin-maintained), one partition like the post directory. */
  district: (code: string) => ({ PK: 'DIRECTORY#DISTRICTS', SK: `DISTRICT#${code}` }),
};
