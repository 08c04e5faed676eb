import { commandLine, usageError } from './cli.ts';
import { issueLocalToken } from './dev-auth.ts';

/** `npm run token -- --role mediator --post QD-SN-01 [--sub alice] [--ttl 8h]` prints a local bearer token. */
const USAGE = [
  'usage: npm run -s token -- [--role mediator|supervisor|admin] [--post QD-SN-01] [--sub ID] [--ttl 8h]',
  '  prints a bearer token the local stack (npm start) accepts, signed with its development key',
  '  --role  mediator (default), supervisor or admin',
  '  --post  the union post the token belongs to (default QD-SN-01; npm start lists the seeded posts)',
  '  --sub   the subject (default <role>@<post>)',
  '  --ttl   how long it is valid: 30m, 8h (default), 2d',
  '  e.g.    curl -H "Authorization: Bearer $(npm run -s token -- --role admin)" http://127.0.0.1:3000/posts',
].join('\n');

const { values } = commandLine(USAGE, {
  role: { type: 'string', default: 'mediator' },
  post: { type: 'string', default: 'QD-SN-01' },
  sub: { type: 'string' },
  ttl: { type: 'string', default: '8h' },
});
const role = values.role ?? 'mediator';
if (!['mediator', 'supervisor', 'admin'].includes(role)) {
  usageError(USAGE, `--role must be mediator, supervisor or admin, not ${role}`);
}
const postId = values.post ?? 'QD-SN-01';
try {
  console.log(await issueLocalToken({ sub: values.sub ?? `${role}@${postId}`, role, postId }, values.ttl));
} catch (error) {
  // jose refuses a malformed --ttl: say so, not with its stack.
  usageError(USAGE, `cannot issue the token: ${(error as Error).message}`);
}
