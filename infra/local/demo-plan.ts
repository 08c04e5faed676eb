import { addDays } from '../../domain/clocks/legal-time.ts';
import { creditCodeCheckChar, residentIdCheckChar } from '../../domain/shared/identifiers.ts';
import { LOCAL_POSTS } from './seed.ts';

/**
 * The demo year (`npm start -- --demo`): a plan of what each post received and did over the twelve months
 * before today, day by day, as requests a mediator would send. Pseudo-random from a fixed seed, so the same
 * day gives the same year. Shares are illustrative, shaped after Qingdao's published figures: most cases
 * are wage arrears, roughly nine in ten mediations succeed, a few are collective.
 */
export interface Step {
  /** Shanghai date the step is taken on (the local clock is moved there). */
  readonly day: string;
  readonly body: Record<string, unknown>;
}

export interface PlannedCase {
  readonly postId: string;
  readonly intake: Record<string, unknown>;
  readonly receivedOn: string;
  /** The actions after filing, each on its day; steps after today are left for the future. */
  readonly steps: readonly Step[];
}

export interface PlannedConsultation {
  readonly postId: string;
  readonly day: string;
  readonly body: Record<string, unknown>;
}

/** Cases a post receives in a month, on average. */
const MONTHLY: Record<string, number> = {
  'QD-SN-01': 9,
  'QD-LS-02': 5,
  'QD-SB-03': 7,
  'QD-HD-04': 10,
  'QD-LC-05': 8,
};

/** mulberry32: small, seeded, good enough for illustrative data. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(weighted: readonly (readonly [T, number])[]): T => {
    let r = next() * weighted.reduce((s, [, w]) => s + w, 0);
    for (const [value, w] of weighted) {
      r -= w;
      if (r < 0) return value;
    }
    return (weighted.at(-1) as readonly [T, number])[0];
  };
  return { next, int, pick };
}

const CATEGORIES = [
  ['WAGE_ARREARS', 46],
  ['DISMISSAL_COMPENSATION', 15],
  ['OVERTIME', 11],
  ['SOCIAL_INSURANCE', 11],
  ['LABOUR_CONTRACT', 7],
  ['WORK_INJURY', 6],
  ['OTHER', 4],
] as const;
const DESCRIPTIONS: Record<string, string> = {
  WAGE_ARREARS: '拖欠工资',
  DISMISSAL_COMPENSATION: '违法解除劳动合同赔偿金',
  OVERTIME: '加班费',
  SOCIAL_INSURANCE: '未缴社会保险',
  LABOUR_CONTRACT: '未签书面劳动合同二倍工资',
  WORK_INJURY: '工伤待遇',
  OTHER: '其他劳动报酬',
};
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗';
const GIVEN = [
  '芳',
  '伟',
  '娜',
  '敏',
  '静',
  '磊',
  '强',
  '洋',
  '艳',
  '军',
  '杰',
  '勇',
  '霞',
  '涛',
  '明',
  '超',
];
/** Employers with their GB/T 4754-2017 sections (transport, construction, catering, manufacturing). */
const EMPLOYERS = [
  ['港湾物流', 'G'],
  ['海岸建筑工程', 'E'],
  ['崂山餐饮管理', 'H'],
  ['胶州湾电子', 'C'],
  ['城阳食品', 'C'],
  ['即速配送', 'G'],
  ['蓝海纺织', 'C'],
] as const;
const PLATFORMS = ['即速外卖平台', '青橙出行', '海鸥快送'];

/**
 * A claim in fen, spread evenly on a log scale between `min` and `max` yuan and rounded to 100 yuan: wage
 * claims run from a few thousand yuan to tens of thousands, most at the lower end. From 2,000 to 50,000
 * yuan the mean is about 15,000 yuan a claim — Qingdao's figures come to about 17,000 yuan recovered a
 * case (RMB 380 million over 22,000 cases), collective cases included.
 */
const money = (r: ReturnType<typeof random>, min: number, max: number) =>
  Math.round(Math.exp(Math.log(min) + r.next() * (Math.log(max) - Math.log(min))) / 100) * 100 * 100;

function worker(r: ReturnType<typeof random>, n: number) {
  const body = `370202${r.int(1975, 2003)}${String(r.int(1, 12)).padStart(2, '0')}${String(r.int(1, 28)).padStart(2, '0')}${String(100 + n).slice(-3)}`;
  const name = `${SURNAMES[r.int(0, SURNAMES.length - 1)]}${GIVEN[r.int(0, GIVEN.length - 1)]}`;
  return { name, idNumber: body + residentIdCheckChar(body), phone: `13${r.int(100000000, 999999999)}` };
}

function intakeFor(r: ReturnType<typeof random>, postId: string) {
  const platformPost = postId === 'QD-LC-05';
  const platform =
    r.next() < (platformPost ? 0.6 : 0.06) ? PLATFORMS[r.int(0, PLATFORMS.length - 1)] : undefined;
  const collective = r.next() < 0.03;
  const workers = Array.from({ length: collective ? r.int(10, 24) : r.next() < 0.1 ? 2 : 1 }, (_w, i) =>
    worker(r, i),
  );
  const categories = [...new Set([r.pick(CATEGORIES), ...(r.next() < 0.3 ? [r.pick(CATEGORIES)] : [])])];
  const claims = categories.map((category) => ({
    category,
    amountFen: money(r, 2_000, 50_000) * (collective ? 8 : 1),
    description: DESCRIPTIONS[category] ?? category,
  }));
  const code = `91370200MA${r.int(1000000, 9999999)}`;
  const employer = EMPLOYERS[r.int(0, EMPLOYERS.length - 1)] as (typeof EMPLOYERS)[number];
  return {
    origin: r.pick([
      ['WALK_IN', 58],
      ['ONLINE', 22],
      ['ARBITRATION_PRE_MEDIATION', 12],
      ['COURT_DELEGATED', 8],
    ] as const),
    workers,
    employer: {
      name: `青岛${employer[0]}有限公司`,
      creditCode: code + creditCodeCheckChar(code),
      industry: employer[1],
    },
    claims,
    summary: `${claims.map((c) => c.description).join('、')}，申请调解。`,
    ...(platform ? { platform } : {}),
    ...(collective ? { representatives: [0, 1, 2] } : {}),
  };
}

/** What happens to a case after it is filed on `day`. */
function stepsFor(r: ReturnType<typeof random>, day: string, intake: ReturnType<typeof intakeFor>): Step[] {
  const at = (d: number) => addDays(day, d);
  const claimed = intake.claims.reduce((s, c) => s + c.amountFen, 0);
  const assign = { day: at(r.int(0, 2)), body: { action: 'ASSIGN_MEDIATOR', mediatorId: 'demo.mediator' } };
  const chosen = r.pick([
    ['AGREEMENT', 70],
    ['WITHDRAWN', 8],
    ['ARBITRATION', 12],
    ['OPEN', 4],
    ['UNPERFORMED', 6],
  ] as const);
  // A court-delegated case goes back to its court if mediation fails, never withdrawn or sent to
  // arbitration by the post: those few settle instead.
  const path =
    intake.origin === 'COURT_DELEGATED' && (chosen === 'WITHDRAWN' || chosen === 'ARBITRATION')
      ? 'AGREEMENT'
      : chosen;
  if (path === 'OPEN') return [assign];
  if (path === 'WITHDRAWN')
    return [
      assign,
      { day: at(r.int(3, 10)), body: { action: 'WITHDRAW', reason: '双方自行和解，申请人撤回调解申请' } },
    ];
  const session = { day: at(r.int(3, 6)), body: { action: 'RECORD_SESSION', notes: '双方到场，进行调解' } };
  (session.body as Record<string, unknown>).heldAt = `${session.day}T09:30:00+08:00`;
  if (path === 'ARBITRATION') {
    const failed = at(r.int(7, 15));
    return [
      assign,
      session,
      { day: failed, body: { action: 'FAIL_MEDIATION', reason: '用人单位拒绝调解方案' } },
      { day: failed, body: { action: 'REFER_TO_ARBITRATION', arbitrationId: 'qd-arbitration' } },
    ];
  }
  // Most agreements within the 15 days (LDMAL art. 14); a few late.
  const signed = at(r.next() < 0.92 ? r.int(6, 14) : r.int(16, 24));
  const agreed = Math.round((claimed * r.int(70, 100)) / 100 / 100) * 100;
  const shares = intake.claims.map((c) => Math.floor((agreed * c.amountFen) / claimed / 100) * 100);
  shares[0] = (shares[0] ?? 0) + agreed - shares.reduce((s, x) => s + x, 0);
  const performBy = addDays(signed, r.int(7, 30));
  const sign = {
    day: signed,
    body: {
      action: 'SIGN_AGREEMENT',
      terms: `用人单位于${performBy}前支付${(agreed / 100).toFixed(0)}元。`,
      amountFen: agreed,
      items: shares.map((amountFen, claim) => ({ claim, amountFen })),
      performBy,
      signatures: {
        workers: intake.workers.map((_w, i) => i),
        employer: { representative: '人事经理', sealed: true },
        mediator: 'demo.mediator',
        organisationSeal: true,
      },
      effectiveOn: signed,
    },
  };
  if (path === 'UNPERFORMED') return [assign, session, sign];
  const paid = addDays(signed, r.int(2, 20));
  return [
    assign,
    session,
    sign,
    { day: paid, body: { action: 'RECORD_PERFORMANCE', paidFen: agreed } },
    { day: paid, body: { action: 'CLOSE', resolution: '协议已履行完毕' } },
  ];
}

const CHANNELS = [
  ['WALK_IN', 40],
  ['PHONE', 25],
  ['ONLINE', 15],
  ['HOTLINE_12351', 20],
] as const;

/**
 * The `days` before `today` (a Shanghai date; a year by default): cases on working days, and about three
 * consultations a case. A shorter span is for tests.
 */
export function planYear(
  today: string,
  { seed = 19, days = 364 }: { readonly seed?: number; readonly days?: number } = {},
): { cases: PlannedCase[]; consultations: PlannedConsultation[] } {
  const r = random(seed);
  const cases: PlannedCase[] = [];
  const consultations: PlannedConsultation[] = [];
  for (let back = days; back >= 1; back--) {
    const day = addDays(today, -back);
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    for (const { postId } of LOCAL_POSTS) {
      const perDay = (MONTHLY[postId] ?? 5) / 21.7;
      if (r.next() < perDay) {
        const intake = intakeFor(r, postId);
        cases.push({
          postId,
          intake,
          receivedOn: day,
          steps: stepsFor(r, day, intake).filter((s) => s.day < today),
        });
      }
      for (let c = 0; c < 3; c++) {
        if (r.next() >= perDay) continue;
        const category = r.pick(CATEGORIES);
        const referred = r.next() < 0.15;
        consultations.push({
          postId,
          day,
          body: {
            channel: r.pick(CHANNELS),
            categories: [category],
            newEmploymentForm: postId === 'QD-LC-05' && r.next() < 0.6,
            advice: `告知${DESCRIPTIONS[category]}的维权途径及所需证据`,
            ...(referred ? { outcome: 'REFERRED_ELSEWHERE', referredTo: '劳动保障监察大队' } : {}),
          },
        });
      }
    }
  }
  return { cases, consultations };
}
