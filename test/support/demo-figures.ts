import { actOnCase } from '../../domain/case/act-on-case.ts';
import { fileCase } from '../../domain/case/file-case.ts';
import type { PostDirectory } from '../../domain/directory/ports.ts';
import type { Actor } from '../../domain/shared/actor.ts';
import { statsOf } from '../../domain/statistics/query.ts';
import { recordCase, recordConsultation } from '../../domain/statistics/record-case.ts';
import { planYear } from '../../infra/local/demo-plan.ts';
import { LOCAL_POSTS } from '../../infra/local/seed.ts';
import { admin, depsWith, testClock } from './fixtures.ts';
import { MemoryCaseRepository } from './memory-repository.ts';
import { MemoryStatsStore } from './memory-stats.ts';

/**
 * `node test/support/demo-figures.ts [today]`: the demo year's figures without the local stack — the plan
 * (infra/local/demo-plan.ts) taken through the same use cases in memory, each final case and consultation
 * counted as the stream consumer counts it, then GET /stats's answer for the year, all posts. A quick look
 * at what `npm start -- --demo` shows on the dashboard (the stack's own run differs only by refusals).
 */
const today = process.argv[2] ?? new Date().toISOString().slice(0, 10);
const plan = planYear(today);
const repo = new MemoryCaseRepository();
const deps = depsWith(repo, testClock());
const store = new MemoryStatsStore();
let refused = 0;
for (const planned of plan.cases) {
  const actor: Actor = { sub: `demo.mediator@${planned.postId}`, role: 'mediator', postId: planned.postId };
  deps.clock.set(`${planned.receivedOn}T02:00:00.000Z`);
  const c = await fileCase(deps, actor, planned.intake);
  let minute = 0;
  for (const step of planned.steps) {
    deps.clock.set(`${step.day}T04:${String(minute++ % 60).padStart(2, '0')}:00.000Z`);
    await actOnCase(deps, actor, c.caseId, step.body).catch(() => refused++);
  }
  const final = await repo.get(c.caseId);
  if (final) await recordCase(store, final);
}
let n = 0;
for (const k of plan.consultations) {
  const body = k.body as { channel: string; categories: string[] };
  await recordConsultation(store, {
    consultationId: `k${n++}`,
    postId: k.postId,
    channel: body.channel,
    categories: body.categories,
    consultedOn: k.day,
    version: 1,
  });
}
const posts: PostDirectory = {
  get: async (postId) => ({ postId, name: postId, district: postId, updatedAt: '', updatedBy: '' }),
  list: async () => ({
    items: LOCAL_POSTS.map((p) => ({
      postId: p.postId,
      name: p.postId,
      district: p.postId,
      updatedAt: '',
      updatedBy: '',
    })),
    nextCursor: null,
  }),
  put: async () => {},
};
const first = plan.cases[0]?.receivedOn.slice(0, 7) ?? today.slice(0, 7);
const answer = await statsOf({ counters: store, posts }, admin, {
  from: first,
  to: today.slice(0, 7),
  groupBy: 'month',
});
console.log(JSON.stringify({ today, from: first, refusedSteps: refused, totals: answer.totals }, null, 2));
