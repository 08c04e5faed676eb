import { parseArgs } from 'node:util';
import { issueLocalToken } from './dev-auth.ts';

/** `npm run token -- --role mediator --post QD-SN-01 [--sub alice] [--ttl 8h]` prints a local bearer token. */
const { values } = parseArgs({
  options: {
    role: { type: 'string', default: 'mediator' },
    post: { type: 'string', default: 'QD-SN-01' },
    sub: { type: 'string' },
    ttl: { type: 'string', default: '8h' },
  },
});
const role = values.role ?? 'mediator';
if (!['mediator', 'supervisor', 'admin'].includes(role)) {
  console.error(`--role must be mediator, supervisor or admin, not ${role}`);
  process.exit(2);
}
const postId = values.post ?? 'QD-SN-01';
console.log(await issueLocalToken({ sub: values.sub ?? `${role}@${postId}`, role, postId }, values.ttl));
