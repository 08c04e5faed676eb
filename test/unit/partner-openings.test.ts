import { describe, expect, it } from 'vitest';
import { handlePartnerEvent, type VerifiedPartner } from '../../domain/callbacks/handle-event.ts';
import { UnknownReferenceError } from '../../domain/shared/errors.ts';
import { identify, localize } from '../../domain/shared/messages.ts';
import { depsWith, intake, OTHER_POST, POST } from '../support/fixtures.ts';
import { MemoryCaseRepository } from '../support/memory-repository.ts';

/**
 * A partner opens cases only at the posts linked to it, once per partner reference (issue 22). Before the
 * links, a court could open a case at any post, and the same delegation sent twice made two cases; both
 * tests failed then.
 */

const COURT: VerifiedPartner = { kind: 'COURT', id: 'qd-shinan-court', posts: [POST] };
const ARBITRATION: VerifiedPartner = { kind: 'ARBITRATION', id: 'qd-arbitration', posts: [POST] };

const setup = (known: readonly string[] = [POST, OTHER_POST]) => {
  const repo = new MemoryCaseRepository();
  const deps = depsWith(repo, undefined, {
    knows: async (d) => d.kind === 'UNION_POST' && known.includes(d.id),
  });
  return { repo, deps };
};
const delegation = (
  deps: ReturnType<typeof setup>['deps'],
  postId: string,
  reference = '(2026)鲁0202民诉前调1号',
) => {
  const { origin: _origin, ...parties } = intake();
  return {
    type: 'court.mediation_delegated',
    data: { ...parties, postId, reference, receivedOn: deps.clock.now().slice(0, 10) },
  };
};
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e,
  );

describe('post–partner links', () => {
  it('opens a case at a linked post', async () => {
    const { deps } = setup();
    const opened = await handlePartnerEvent(deps, COURT, delegation(deps, POST));
    expect(opened.postId).toBe(POST);
    expect(opened.source).toMatchObject({ kind: 'COURT', id: 'qd-shinan-court' });
  });

  it('refuses an existing post not linked to the partner, 422 on data.postId', async () => {
    const { deps, repo } = setup();
    const error = await refusal(handlePartnerEvent(deps, COURT, delegation(deps, OTHER_POST)));
    expect(error).toBeInstanceOf(UnknownReferenceError);
    expect((error as UnknownReferenceError).issues[0]?.field).toBe('data.postId');
    expect(await repo.allocateCaseSequence(OTHER_POST, 2026)).toBe(1);
  });

  it('answers an unknown post word for word as an unlinked one: no way to enumerate posts', async () => {
    const linkedButGone: VerifiedPartner = { ...COURT, posts: [POST, 'QD-GONE-99'] };
    const { deps } = setup();
    const unlinked = (await refusal(
      handlePartnerEvent(deps, linkedButGone, delegation(deps, OTHER_POST)),
    )) as UnknownReferenceError;
    const unknown = (await refusal(
      handlePartnerEvent(deps, linkedButGone, delegation(deps, 'QD-GONE-99')),
    )) as UnknownReferenceError;
    const nowhere = (await refusal(
      handlePartnerEvent(deps, COURT, delegation(deps, 'QD-NOWHERE-98')),
    )) as UnknownReferenceError;
    const shape = (e: UnknownReferenceError, postId: string) =>
      JSON.stringify({ name: e.name, issues: e.issues }).replaceAll(postId, '<post>');
    expect(shape(unknown, 'QD-GONE-99')).toBe(shape(unlinked, OTHER_POST));
    expect(shape(nowhere, 'QD-NOWHERE-98')).toBe(shape(unlinked, OTHER_POST));
  });

  it('links nothing by default: a partner registered without posts opens no case', async () => {
    const { deps } = setup();
    const error = await refusal(handlePartnerEvent(deps, { ...COURT, posts: [] }, delegation(deps, POST)));
    expect(error).toBeInstanceOf(UnknownReferenceError);
  });
});

describe('once per partner reference', () => {
  it('answers a second opening with the same reference with the first case, unchanged', async () => {
    const { deps, repo } = setup();
    const first = await handlePartnerEvent(deps, COURT, delegation(deps, POST));
    const again = await handlePartnerEvent(deps, COURT, delegation(deps, POST));
    expect(again.caseId).toBe(first.caseId);
    expect(again.caseNumber).toBe(first.caseNumber);
    expect(again.version).toBe(first.version);
    // No second case number was taken either.
    expect(await repo.allocateCaseSequence(POST, 2026)).toBe(2);
  });

  it('keeps two openings at once to one case', async () => {
    const { deps } = setup();
    const [a, b] = await Promise.all([
      handlePartnerEvent(deps, COURT, delegation(deps, POST, 'R-77')),
      handlePartnerEvent(deps, COURT, delegation(deps, POST, 'R-77')),
    ]);
    expect(a.caseId).toBe(b.caseId);
  });

  it('tells apart another reference, and the same reference from another partner', async () => {
    const { deps } = setup();
    const first = await handlePartnerEvent(deps, COURT, delegation(deps, POST, 'R-1'));
    const other = await handlePartnerEvent(deps, COURT, delegation(deps, POST, 'R-2'));
    const { origin: _origin, ...parties } = intake();
    const fromArbitration = await handlePartnerEvent(deps, ARBITRATION, {
      type: 'arbitration.mediation_requested',
      data: { ...parties, postId: POST, reference: 'R-1', receivedOn: deps.clock.now().slice(0, 10) },
    });
    expect(new Set([first.caseId, other.caseId, fromArbitration.caseId]).size).toBe(3);
  });
});

describe('the refusal in the partner’s language', () => {
  it('is a catalogue message, in English and Chinese', () => {
    const known = identify('QD-JZ-11 is not a union post linked to this partner');
    expect(known).toEqual({ key: 'callback.unlinkedPost', params: { postId: 'QD-JZ-11' } });
    expect(localize('QD-JZ-11 is not a union post linked to this partner', known, 'zh-CN')).toBe(
      'QD-JZ-11 不是与该机构关联的工会工作站',
    );
  });
});
