import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { LocalServiceError } from './dynamodb-local.ts';
import { startLocalStack } from './stack.ts';

/**
 * `npm start` — the backend on this machine. Options: `--port N` (or PORT, default 3000; 0 = any free
 * port), `--persist` to keep DynamoDB data in .local/dynamodb (or `--data-dir DIR`) instead of memory,
 * `--partners=scripted|manual` (default scripted: the simulated court and institute answer each handoff with
 * decisions, LOCAL_PARTNER_STEP_MS apart; manual: they only receive).
 */
const started = performance.now();
const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    persist: { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
    /** `scripted` (default): the simulated partners answer each handoff; `manual`: they only receive. */
    partners: { type: 'string', default: 'scripted' },
  },
});
if (values.partners !== 'scripted' && values.partners !== 'manual') {
  console.error(`invalid --partners=${values.partners}: scripted or manual`);
  process.exit(2);
}
const port = Number(values.port ?? process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`invalid port ${values.port ?? process.env.PORT}`);
  process.exit(2);
}
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = values['data-dir'] ?? (values.persist ? resolve(root, '.local/dynamodb') : undefined);

let stack: Awaited<ReturnType<typeof startLocalStack>>;
try {
  stack = await startLocalStack({
    port,
    root,
    partners: values.partners,
    ...(dataDir ? { dataDir } : {}),
  });
} catch (error) {
  console.error(error instanceof LocalServiceError ? `cannot start: ${error.message}` : error);
  process.exit(1);
}

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.error(`${signal}: stopping the local stack`);
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

console.log(`labour-dispute-mediation API listening on ${stack.url}`);
console.log(`  DynamoDB Local ${stack.dynamodbEndpoint} (${dataDir ? `data in ${dataDir}` : 'in memory'})`);
console.log(`  SQS emulator  ${stack.sqsEndpoint}`);
console.log(`  partners      ${stack.partnersUrl} (simulated court and arbitration; GET /received)`);
const setup = stack.partnerSetup;
console.log(
  setup.mode === 'scripted'
    ? `                scripted: each handoff is answered with decisions ${setup.stepMs} ms apart (docs/local-stack.md)`
    : '                manual: they only take handoffs; send decisions with npm run partner',
);
// A generated secret is random and lives only as long as this process: printing it is how a person signs
// with it. One from LOCAL_PARTNER_SECRET is theirs, maybe reused elsewhere: it is never echoed.
console.log(
  setup.secretFrom === 'environment'
    ? '  partner secret LOCAL_PARTNER_SECRET (from the environment) signs callbacks as either partner'
    : `  partner secret ${setup.secret} (generated for this run; set LOCAL_PARTNER_SECRET to choose one)`,
);
console.log(
  `  send one:      npm run partner -- <partnerId> <event type> --case <id> --data '{…}'${setup.secretFrom === 'environment' ? '' : ' --secret <partner secret>'}`,
);
console.log('  handoffs      stream relay and queue consumers polling');
console.log(`  ready in ${Math.round(performance.now() - started)} ms`);
console.log('  get a token:   npm run token -- --role mediator --post QD-SN-01');
console.log(`  try:           curl -H "Authorization: Bearer $(npm run -s token)" ${stack.url}/cases`);
console.log('  Ctrl-C stops everything.');
