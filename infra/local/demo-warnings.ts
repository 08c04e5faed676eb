import { addDays } from '../../domain/clocks/legal-time.ts';
import { creditCodeCheckChar } from '../../domain/shared/identifiers.ts';
import type { Level } from '../../domain/warnings/model.ts';
import type { SignalDraft } from './bureau.ts';

/**
 * The demo's early warnings (`npm start -- --demo`): employers in Qingdao's districts whose data at the
 * simulated human-resources and social-security bureau goes wrong over the last three weeks — wages and
 * social insurance unpaid, layoffs, complaints, a relocation — sent as its signed signals on the days it
 * saw them, and what the posts did with the warnings that followed: some acknowledged, checked on site
 * and disposed (a supervision letter, a referral), some left past their deadlines. The board then shows
 * every level, overdue ones first. Employers and numbers are invented; demo-warnings-load.ts sends them.
 */

/** Qingdao's districts (GB/T 2260 codes) and the post that covers each (infra/local/seed.ts). */
export const QINGDAO_DISTRICTS = [
  { district: '370202', name: '市南区', postId: 'QD-SN-01' },
  { district: '370212', name: '崂山区', postId: 'QD-LS-02' },
  { district: '370203', name: '市北区', postId: 'QD-SB-03' },
  { district: '370211', name: '黄岛区', postId: 'QD-HD-04' },
  { district: '370213', name: '李沧区', postId: 'QD-LC-05' },
] as const;

/**
 * A unified social credit code of a company registered in `district` (GB 32100-2015: registration
 * authority 9 for market regulation, type 1 for an enterprise, the division code, a nine-character
 * organisation code, the check character).
 */
export function demoCreditCode(district: string, serial: number): string {
  const first17 = `91${district}MA${String(serial).padStart(7, '0')}`;
  return `${first17}${creditCodeCheckChar(first17)}`;
}

/** One thing a post does with the warning, on its day: an action of `POST /warnings/{id}/actions`. */
export interface PlannedWarningStep {
  readonly daysAgo: number;
  readonly role: 'mediator' | 'supervisor';
  readonly body: Record<string, unknown>;
}

export interface PlannedEmployer {
  readonly creditCode: string;
  readonly employerName: string;
  readonly district: string;
  readonly postId: string;
  /** The bureau's signals, each sent on the day it observed it (`daysAgo` before today). */
  readonly signals: readonly { readonly daysAgo: number; readonly draft: SignalDraft }[];
  /** The level the default rules give (docs/warnings.md); test/unit/demo-warnings.test.ts checks it. */
  readonly expectedLevel: Level;
  readonly steps: readonly PlannedWarningStep[];
}

const ACK: PlannedWarningStep['body'] = { action: 'ACKNOWLEDGE' };
const VERIFY: PlannedWarningStep['body'] = { action: 'START_VERIFICATION' };
const CLOSE: PlannedWarningStep['body'] = { action: 'CLOSE' };

/** The demo's employers, their signals and the posts' steps, relative to `today` (a Shanghai date). */
export function warningPlan(today: string): PlannedEmployer[] {
  const year = today.slice(0, 4);
  const rows: [
    district: number,
    name: string,
    level: Level,
    signals: [
      daysAgo: number,
      indicator: SignalDraft['indicator'],
      unit: SignalDraft['unit'],
      value: number,
    ][],
    steps: PlannedWarningStep[],
  ][] = [
    // Wages two months and more unpaid to a workshop of 45 (Bao'an red): nobody has acknowledged it yet.
    [
      0,
      '青岛海韵精密机械有限公司',
      1,
      [
        [6, 'WAGE_ARREARS', 'MONTHS', 3],
        [6, 'WAGE_ARREARS', 'WORKERS', 45],
      ],
      [],
    ],
    // A month of social insurance unpaid (Baoying orange), acknowledged the next day.
    [
      0,
      '青岛蓝湾餐饮管理有限公司',
      2,
      [[2, 'SOCIAL_INSURANCE_ARREARS', 'MONTHS', 1]],
      [{ daysAgo: 1, role: 'mediator', body: ACK }],
    ],
    // 230 laid off at once (Shandong level I): checked on site, not yet disposed of — past its three days.
    [
      3,
      '青岛西海岸船舶配件有限公司',
      1,
      [[9, 'LAYOFF_REPORT', 'WORKERS', 230]],
      [
        { daysAgo: 8, role: 'mediator', body: ACK },
        { daysAgo: 8, role: 'mediator', body: VERIFY },
      ],
    ],
    // Arrears, then a layoff of 25 (art. 41): a supervision letter (提示函), then closed.
    [
      3,
      '青岛港联物流有限公司',
      2,
      [
        [20, 'SOCIAL_INSURANCE_ARREARS', 'MONTHS', 1],
        [18, 'LAYOFF_REPORT', 'WORKERS', 25],
      ],
      [
        { daysAgo: 17, role: 'mediator', body: ACK },
        { daysAgo: 16, role: 'mediator', body: VERIFY },
        {
          daysAgo: 14,
          role: 'mediator',
          body: {
            action: 'DISPOSE',
            disposition: {
              kind: 'SUPERVISION_LETTER',
              letter: 'REMINDER_LETTER',
              number: `青工劳监提〔${year}〕7号`,
              issuedOn: addDays(today, -14),
            },
          },
        },
        { daysAgo: 13, role: 'supervisor', body: CLOSE },
      ],
    ],
    // Three hotline complaints in a month.
    [
      1,
      '青岛崂山云峰茶业有限公司',
      3,
      [
        [3, 'HOTLINE_COMPLAINTS', 'COMPLAINTS', 2],
        [2, 'HOTLINE_COMPLAINTS', 'COMPLAINTS', 1],
      ],
      [],
    ],
    // Listed for a relocation, with taxes unpaid.
    [
      2,
      '青岛北岸纺织有限公司',
      3,
      [
        [1, 'ABNORMAL_OPERATION', 'RELOCATION', 1],
        [1, 'TAX_ARREARS', 'MONTHS', 2],
      ],
      [],
    ],
    // Taxes a month late, nothing else.
    [4, '青岛李沧同城配送服务有限公司', 4, [[0, 'TAX_ARREARS', 'MONTHS', 1]], []],
    // Three valid wage complaints within a month (Bao'an red), acknowledged.
    [
      2,
      '青岛华东电子科技有限公司',
      1,
      [
        [4, 'WAGE_ARREARS_COMPLAINTS', 'COMPLAINTS', 2],
        [3, 'WAGE_ARREARS_COMPLAINTS', 'COMPLAINTS', 1],
      ],
      [{ daysAgo: 3, role: 'mediator', body: ACK }],
    ],
    // Social insurance three months unpaid for 12 workers: referred to labour inspection, closed.
    [
      4,
      '青岛顺达建筑劳务有限公司',
      1,
      [
        [12, 'SOCIAL_INSURANCE_ARREARS', 'MONTHS', 3],
        [12, 'SOCIAL_INSURANCE_ARREARS', 'WORKERS', 12],
      ],
      [
        { daysAgo: 11, role: 'mediator', body: ACK },
        { daysAgo: 10, role: 'mediator', body: VERIFY },
        {
          daysAgo: 9,
          role: 'mediator',
          body: {
            action: 'DISPOSE',
            disposition: {
              kind: 'REFERRAL',
              to: 'LABOUR_INSPECTION',
              reference: `青人社监察转〔${year}〕3号`,
            },
          },
        },
        { daysAgo: 9, role: 'supervisor', body: CLOSE },
      ],
    ],
    // 22 of its former staff registered as unemployed this month.
    [
      1,
      '青岛海之星酒店管理有限公司',
      3,
      [[5, 'UNEMPLOYMENT_REGISTRATIONS', 'WORKERS', 22]],
      [{ daysAgo: 4, role: 'mediator', body: ACK }],
    ],
  ];
  return rows.map(([d, employerName, expectedLevel, signals, steps], i) => {
    const place = QINGDAO_DISTRICTS[d] ?? QINGDAO_DISTRICTS[0];
    const creditCode = demoCreditCode(place.district, 20_001 + i);
    return {
      creditCode,
      employerName,
      district: place.district,
      postId: place.postId,
      expectedLevel,
      steps,
      signals: signals.map(([daysAgo, indicator, unit, value], k) => ({
        daysAgo,
        draft: {
          creditCode,
          indicator,
          unit,
          value,
          district: place.district,
          employerName,
          observedOn: addDays(today, -daysAgo),
          reference: `青人社监测〔${year}〕${String(i + 1).padStart(3, '0')}-${k + 1}号`,
        },
      })),
    };
  });
}
