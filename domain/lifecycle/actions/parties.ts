import { type AgentInput, agentInput, agentIssues, agentOf, agentRecorded } from '../../case/intake.ts';
import { CASE_STATUSES, isTerminal } from '../../case/model.ts';
import { shanghaiDate } from '../../clocks/legal-time.ts';
import { HUMAN_ROLES } from '../../shared/actor.ts';
import { ValidationError } from '../../shared/errors.ts';
import { defineAction, NO_CLOCKS, type Row } from '../definition.ts';

/**
 * Who acts for whom, after intake (LDMAL arts. 24–25): a party appoints an agent (a lawyer, union staff)
 * with the authority its power of attorney states, a worker's legal representative or a deceased worker's
 * next of kin steps in. Taken in any state of an open case but a pending transfer (the receiving post
 * records it once it takes the case over); the case stays where it is. The agent's ID
 * number and phone are validated as a worker's and masked wherever a worker's are; the event records who
 * acts for whom and with what authority, not the person's name or numbers.
 */
export const APPOINT_AGENT = defineAction({
  payload: agentInput,
  roles: HUMAN_ROLES,
  rows: CASE_STATUSES.filter((s) => !isTerminal(s) && s !== 'TRANSFER_PENDING').map(
    (status): Row<AgentInput> => ({
      from: [status],
      to: status,
      apply: (c, p, ctx) => {
        const today = shanghaiDate(ctx.now);
        const issues = agentIssues(p, c.workers.length, today);
        if (issues.length > 0) throw new ValidationError(issues);
        return { agents: [...(c.agents ?? []), agentOf(p, today)] };
      },
    }),
  ),
  emits: ['ACTION_APPLIED'],
  recorded: (_p, next) => {
    const agent = next.agents?.at(-1);
    return agent ? agentRecorded(agent) : {};
  },
  clocks: NO_CLOCKS,
});
