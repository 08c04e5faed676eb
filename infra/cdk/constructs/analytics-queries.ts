/**
 * The Glue table's columns over the DynamoDB JSON of the cases table's exports, and the yearly bulletin's
 * saved Athena queries. The queries count as domain/statistics/contribution.ts does (received in the month
 * of `receivedOn`, closed in the Shanghai month of the ended case's last change, the manner as `mannerOf`
 * decides it), so a bulletin from the export agrees with GET /stats.
 */

/**
 * The attributes of an item image the bulletin reads. Nothing personal (names, ID numbers, phones, the
 * summary) is declared: the JSON SerDe ignores what is not, so no query can select it.
 */
const IMAGE = `struct<${[
  'pk:struct<s:string>',
  'sk:struct<s:string>',
  'itemtype:struct<s:string>',
  'caseid:struct<s:string>',
  'postid:struct<s:string>',
  'origin:struct<s:string>',
  'status:struct<s:string>',
  'version:struct<n:string>',
  'receivedon:struct<s:string>',
  'updatedat:struct<s:string>',
  'collective:struct<bool:boolean>',
  'newemploymentform:struct<bool:boolean>',
  'claimedfen:struct<n:string>',
  'outcome:struct<s:string>',
  'agreement:struct<m:struct<amountfen:struct<n:string>,paidfen:struct<n:string>>>',
  'lasthandoff:struct<m:struct<destination:struct<m:struct<kind:struct<s:string>>>>>',
  'decisions:struct<l:array<struct<m:struct<type:struct<s:string>>>>>',
].join(',')}>`;

/** (name, Hive type) of each column; JSON keys are matched case-insensitively (`NewImage` → newimage). */
export const CASE_EXPORT_COLUMNS: readonly (readonly [string, string])[] = [
  /** INCREMENTAL: the changed item's keys, when it was written, its image after and before. */
  ['keys', 'struct<pk:struct<s:string>,sk:struct<s:string>>'],
  ['metadata', 'struct<writetimestampmicros:struct<n:string>>'],
  ['newimage', IMAGE],
  ['oldimage', IMAGE],
  /** FULL: the item as it was at the export time (the baseline the incremental exports build on). */
  ['item', IMAGE],
];

/**
 * The latest image of every case item across the exports: a FULL export's `item` counts as written at 0,
 * an INCREMENTAL change at its write time; a deletion (no new image) removes the case.
 */
const LATEST_CASES = `WITH changes AS (
  SELECT coalesce(keys.pk.s, item.pk.s) AS pk,
         coalesce(keys.sk.s, item.sk.s) AS sk,
         coalesce(CAST(metadata.writetimestampmicros.n AS bigint), 0) AS written,
         CASE WHEN item IS NOT NULL THEN item ELSE newimage END AS image
  FROM cases_export
  WHERE coalesce(keys.pk.s, item.pk.s) IS NOT NULL
),
latest AS (
  SELECT image FROM (
    SELECT image, row_number() OVER (PARTITION BY pk, sk ORDER BY written DESC) AS rank FROM changes
  )
  WHERE rank = 1 AND image IS NOT NULL AND image.itemtype.s = 'CASE'
)`;

/** Ended cases with the Shanghai date they ended and their manner of closure (mannerOf). */
const CLOSED_CASES = `${LATEST_CASES},
closed AS (
  SELECT image,
    CAST(date(from_iso8601_timestamp(image.updatedat.s) AT TIME ZONE 'Asia/Shanghai') AS varchar) AS closed_on,
    CASE
      WHEN image.status.s = 'WITHDRAWN' OR coalesce(image.outcome.s, '') LIKE 'withdrawn%' THEN 'WITHDRAWN'
      WHEN coalesce(any_match(image.decisions.l, d -> d.m.type.s LIKE 'court.payment_order_issued%'), false) THEN 'PAYMENT_ORDER'
      WHEN coalesce(any_match(image.decisions.l, d -> d.m.type.s LIKE 'court.confirmation_granted%'), false) THEN 'CONFIRMED'
      WHEN coalesce(any_match(image.decisions.l, d -> d.m.type.s LIKE 'court.%'), false)
        OR image.lasthandoff.m.destination.m.kind.s = 'COURT' THEN 'REFERRED_TO_COURT'
      WHEN coalesce(any_match(image.decisions.l, d -> d.m.type.s LIKE 'arbitration.%'), false)
        OR image.lasthandoff.m.destination.m.kind.s = 'ARBITRATION' THEN 'REFERRED_TO_ARBITRATION'
      WHEN CAST(image.agreement.m.paidfen.n AS bigint) >= CAST(image.agreement.m.amountfen.n AS bigint) THEN 'AGREEMENT_PERFORMED'
      ELSE 'OTHER'
    END AS manner
  FROM latest
  WHERE image.status.s IN ('CLOSED', 'WITHDRAWN')
)`;

export interface BulletinQuery {
  /** Construct id. */
  readonly id: string;
  /** Becomes `ldm-<stage>-<name>`. */
  readonly name: string;
  readonly description: string;
  readonly sql: string;
}

/** The yearly bulletin. `?` is the year (e.g. 2026): Athena asks for it when the saved query runs. */
export const BULLETIN_QUERIES: readonly BulletinQuery[] = [
  {
    id: 'ReceivedByMonthAndPost',
    name: 'bulletin-received-by-month-and-post',
    description:
      'Cases received in a year, by Shanghai month of receipt and post: collective, workers, claimed',
    sql: `${LATEST_CASES}
SELECT substr(image.receivedon.s, 1, 7) AS month,
       image.postid.s AS post_id,
       count(*) AS received,
       count_if(image.collective.bool) AS collective,
       count_if(image.newemploymentform.bool) AS new_employment_form,
       sum(CAST(image.claimedfen.n AS bigint)) AS claimed_fen
FROM latest
WHERE substr(image.receivedon.s, 1, 4) = CAST(? AS varchar)
GROUP BY 1, 2
ORDER BY 1, 2`,
  },
  {
    id: 'ClosedByManner',
    name: 'bulletin-closed-by-manner',
    description: 'Cases ended in a year, by Shanghai month of closure, post and manner of closure',
    sql: `${CLOSED_CASES}
SELECT substr(closed_on, 1, 7) AS month, image.postid.s AS post_id, manner, count(*) AS closed
FROM closed
WHERE substr(closed_on, 1, 4) = CAST(? AS varchar)
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3`,
  },
  {
    id: 'MoneyRecovered',
    name: 'bulletin-money-recovered',
    description:
      'Money agreed and recovered (paid under agreements, and as courts recorded) in a year, by month and post',
    sql: `${CLOSED_CASES}
SELECT substr(closed_on, 1, 7) AS month,
       image.postid.s AS post_id,
       sum(coalesce(CAST(image.agreement.m.amountfen.n AS bigint), 0)) AS agreed_fen,
       sum(coalesce(CAST(image.agreement.m.paidfen.n AS bigint), 0)
         + coalesce(CAST(regexp_extract(image.outcome.s, ': (\\d+) fen recovered$', 1) AS bigint), 0)) AS recovered_fen
FROM closed
WHERE substr(closed_on, 1, 4) = CAST(? AS varchar)
GROUP BY 1, 2
ORDER BY 1, 2`,
  },
];
