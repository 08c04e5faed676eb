import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import { beforeAll, describe, expect, it } from 'vitest';
import { CASES_TABLE } from '../../functions/adapters/dynamodb/table-design.ts';
import { HANDOFF_QUEUES } from '../../functions/adapters/sqs/queues.ts';
import { FUNCTIONS } from '../../functions/catalogue.ts';
import { functionOf, ROUTES, routeKey } from '../../functions/http/routes.ts';
import { CALLBACK_METRICS, THRESHOLDS } from '../../infra/cdk/constructs/alarm-rules.ts';
import {
  CALENDAR_PARTITION,
  CALENDAR_READ_ACTIONS,
  CALENDAR_WRITE_ACTIONS,
  CASE_ITEM_PARTITIONS,
  CASES_READ_ACTIONS,
  CASES_WRITE_ACTIONS,
  IDEMPOTENCY_ACTIONS,
  POSTS_PARTITION,
  POSTS_READ_ACTIONS,
  POSTS_WRITE_ACTIONS,
} from '../../infra/cdk/constructs/grant-actions.ts';
import {
  ACCESS_LOG_FIELDS,
  PARTNER_CALLBACK_ROUTE,
  partnerCallbackRouteKey,
} from '../../infra/cdk/constructs/mediator-api.ts';
import { PROJECT_ROOT } from '../../infra/cdk/paths.ts';
import { STAGES } from '../../infra/cdk/stage-config.ts';
import { devStage } from './support/dev-stage.ts';
import { actionsOf, logicalId, resourceListOf, resourcesOf, type Statement } from './support/synth.ts';

const dev = devStage();
/** Readable names of the stateful resources, as `describeRef` renders references to them. */
let ref: {
  cases: string;
  casesIndexes: string[];
  idempotency: string;
  key: string;
  logKey: string;
  secret: string;
  queues: string[];
  deadLetters: string[];
};

beforeAll(() => {
  const { stateful } = dev.s;
  ref = {
    cases: `${logicalId(stateful.casesTable)}.Arn`,
    casesIndexes: CASES_TABLE.indexes.map(
      (i) => `${logicalId(stateful.casesTable)}.Arn/index/${i.indexName}`,
    ),
    idempotency: `${logicalId(stateful.idempotencyTable)}.Arn`,
    key: `${logicalId(stateful.key)}.Arn`,
    logKey: `${logicalId(stateful.logKey)}.Arn`,
    secret: logicalId(stateful.cursorSecret),
    queues: Object.values(stateful.handoffQueues).map((q) => `${logicalId(q.queue)}.Arn`),
    deadLetters: Object.values(stateful.handoffQueues).map((q) => `${logicalId(q.deadLetterQueue)}.Arn`),
  };
});

/** The append-only access records (feature-grants.ts `recordAccess`): writes under `ACCESS#*` alone. */
const ACCESS_RECORD_ACTIONS = ['dynamodb:BatchWriteItem', 'dynamodb:PutItem'];
const isAccessRecordGrant = (st: Statement) =>
  JSON.stringify(st.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys']) === '["ACCESS#*"]';

const functionName = (handler: string) => `ldm-dev-http-${handler}`;
const resourcesOfStatement = (st: Statement) => dev.resourcesNamed(st);
const statementsFor = (handler: string) => {
  const found = dev.statements.get(functionName(handler));
  if (!found) throw new Error(`no function ${functionName(handler)}`);
  return found;
};
const actionsOn = (handler: string, prefix: string) =>
  new Set(
    statementsFor(handler)
      .flatMap(actionsOf)
      .filter((a) => a.startsWith(prefix)),
  );

describe('functions', () => {
  it('one per route, named for its handler, and the handoff pipeline', () => {
    const names = Object.values(resourcesOf(dev.s.statelessTemplate, 'AWS::Lambda::Function')).map(
      (f) => f.Properties.FunctionName,
    );
    expect(names.sort()).toEqual(
      [
        ...ROUTES.map((r) => functionName(r.handler)),
        'ldm-dev-handoff-relay',
        'ldm-dev-queue-union-post',
        'ldm-dev-queue-arbitration',
        'ldm-dev-queue-court',
        'ldm-dev-handoff-sweeper',
        'ldm-dev-sla-sweep',
        'ldm-dev-sweep-shard',
        'ldm-dev-recompute-provisional',
        'ldm-dev-stats-aggregator',
        // The early warnings' stream consumers (issue 20) and the audit trail's checkpoints (issue 22).
        'ldm-dev-warning-signals',
        'ldm-dev-warning-dispositions',
        'ldm-dev-checkpoint',
      ].sort(),
    );
  });

  it('every function: nodejs24.x on arm64, ESM handler, tracing, Powertools and source-map settings', () => {
    const functions = Object.values(resourcesOf(dev.s.statelessTemplate, 'AWS::Lambda::Function'));
    expect(functions.length).toBeGreaterThan(0);
    for (const fn of functions) {
      // HTTP handlers stay well under API Gateway's 30 s; the pipeline's timeouts are in pipeline.test.ts.
      if (String(fn.Properties.FunctionName).startsWith('ldm-dev-http-'))
        expect(fn.Properties.Timeout).toBe(10);
      expect(fn.Properties, fn.Properties.FunctionName).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
        MemorySize: 1024,
        Environment: {
          Variables: expect.objectContaining({
            POWERTOOLS_SERVICE_NAME: 'labour-dispute-mediation',
            POWERTOOLS_METRICS_NAMESPACE: 'LabourDisputeMediation',
            POWERTOOLS_LOG_LEVEL: 'INFO',
            NODE_OPTIONS: '--enable-source-maps',
          }),
        },
      });
    }
  });

  it('every function logs to its own KMS-encrypted log group with the stage retention', () => {
    const logGroups = resourcesOf(dev.s.statelessTemplate, 'AWS::Logs::LogGroup');
    for (const fn of Object.values(resourcesOf(dev.s.statelessTemplate, 'AWS::Lambda::Function'))) {
      const groupId = fn.Properties.LoggingConfig?.LogGroup?.Ref as string;
      const group = logGroups[groupId];
      expect(group?.Properties, fn.Properties.FunctionName).toMatchObject({
        LogGroupName: `/aws/lambda/${fn.Properties.FunctionName}`,
        RetentionInDays: STAGES.dev.logRetentionDays,
      });
      expect(dev.ref(group?.Properties.KmsKeyId)).toBe(ref.logKey);
    }
  });

  it('every role is the function’s own, with no managed policies', () => {
    for (const role of Object.values(resourcesOf(dev.s.statelessTemplate, 'AWS::IAM::Role'))) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
        expect.objectContaining({ Principal: { Service: 'lambda.amazonaws.com' } }),
      ]);
    }
  });
});

describe('IAM', () => {
  const allStatements = () => [...dev.statements.values()].flat();

  it('grants no wildcard action: no `*`, `dynamodb:*`, `sqs:*`, `kms:*`, `secretsmanager:*`', () => {
    const wildcards = allStatements()
      .flatMap(actionsOf)
      .filter((a) => a === '*' || a.endsWith(':*') || a.includes('*'));
    expect(wildcards).toEqual([]);
  });

  it('uses Resource "*" only for actions that have no resource-level permissions', () => {
    const starActions = allStatements()
      .filter((st) => resourceListOf(st).includes('*'))
      .flatMap(actionsOf);
    expect(new Set(starActions)).toEqual(
      new Set(['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'dynamodb:ListStreams']),
    );
    // ListStreams belongs to the stream consumers alone: the relay, the statistics and the warnings' two.
    const consumers = FUNCTIONS.filter((f) => f.access.caseStream).map((f) => `ldm-dev-${f.name}`);
    expect(consumers).toEqual(
      expect.arrayContaining([
        'ldm-dev-handoff-relay',
        'ldm-dev-stats-aggregator',
        'ldm-dev-warning-signals',
      ]),
    );
    for (const [name, list] of dev.statements) {
      const lists = list.flatMap(actionsOf).includes('dynamodb:ListStreams');
      expect(lists, name).toBe(consumers.includes(name));
    }
  });

  it('scopes every DynamoDB statement to the cases table, its named indexes, its stream or the idempotency table', () => {
    // The partner table: GetItem on the table, Query on its listing index (pipeline.test.ts).
    const partners = dev.arnOf(dev.s.stateful.partnerTable);
    const allowed = new Set([
      ref.cases,
      ...ref.casesIndexes,
      ref.idempotency,
      partners,
      `${partners}/index/listing`,
    ]);
    const stream = `${logicalId(dev.s.stateful.casesTable)}.StreamArn`;
    const tableStreams = '*';
    const streamActions = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'];
    const dynamo = allStatements().filter((st) => actionsOf(st).some((a) => a.startsWith('dynamodb:')));
    expect(dynamo.length).toBeGreaterThan(0);
    for (const st of dynamo) {
      const resources = resourcesOfStatement(st);
      if (resources.includes(stream)) {
        // Only the stream's read actions, and only the stream.
        expect(resources).toEqual([stream]);
        expect(new Set(actionsOf(st))).toEqual(new Set(streamActions));
        continue;
      }
      if (resources.includes(tableStreams)) {
        // ListStreams takes no resource-level permission; it is the only DynamoDB action on "*".
        expect(resources).toEqual([tableStreams]);
        expect(actionsOf(st).filter((a) => a.startsWith('dynamodb:'))).toEqual(['dynamodb:ListStreams']);
        continue;
      }
      for (const resource of resources) expect(allowed).toContain(resource);
    }
  });

  it('allows KMS only on the data key and only through the service that needs it', () => {
    // Besides the data key (through a service only): the sealing key under the sealing encryption
    // context, the duplicate HMAC key for GenerateMac alone, the checkpoint signing key for the
    // checkpoint job alone.
    const fieldKey = dev.arnOf(dev.s.stateful.sealingKeys.fieldKey);
    const hmacKey = dev.arnOf(dev.s.stateful.sealingKeys.duplicateKey);
    const signingKey = dev.arnOf(dev.s.stateful.auditTrail.signingKey);
    const signers: string[] = [];
    let sealing = 0;
    for (const [name, list] of dev.statements) {
      for (const st of list.filter((x) => actionsOf(x).some((a) => a.startsWith('kms:')))) {
        const resources = resourcesOfStatement(st);
        if (resources.includes(fieldKey)) {
          sealing++;
          expect(resources, name).toEqual([fieldKey]);
          expect(st.Condition, name).toEqual({
            StringEquals: { 'kms:EncryptionContext:purpose': expect.any(String) },
          });
          for (const a of actionsOf(st)) expect(['kms:GenerateDataKey', 'kms:Decrypt'], name).toContain(a);
        } else if (resources.includes(hmacKey)) {
          expect(resources, name).toEqual([hmacKey]);
          expect(actionsOf(st), name).toEqual(['kms:GenerateMac']);
        } else if (resources.includes(signingKey)) {
          expect(resources, name).toEqual([signingKey]);
          expect(new Set(actionsOf(st)), name).toEqual(new Set(['kms:Sign', 'kms:GetPublicKey']));
          signers.push(name);
        } else {
          expect(resources, name).toEqual([ref.key]);
          expect(st.Condition?.StringEquals?.['kms:ViaService'], name).toMatch(
            /^(dynamodb|secretsmanager|sqs|sns)\.ap-southeast-1\.amazonaws\.com$/,
          );
        }
      }
    }
    expect(sealing).toBeGreaterThan(0);
    expect(signers).toEqual(['ldm-dev-checkpoint']);
    // Only a function that opens sealed values may unwrap their data keys.
    for (const route of ROUTES) {
      const opens = statementsFor(route.handler).some(
        (st) => resourcesOfStatement(st).includes(fieldKey) && actionsOf(st).includes('kms:Decrypt'),
      );
      expect(opens, route.handler).toBe(functionOf(route).access.sealing === 'open');
    }
  });

  it.each(ROUTES.map((r) => [r.handler, functionOf(r).access] as const))(
    '%s gets exactly what its handler touches',
    (handler, access) => {
      expect(access, `the catalogue's access of ${handler}`).toBeDefined();
      // Every handler that reads cases pages them with signed cursors, so it reads the cursor secret — but
      // the partner callbacks, which page nothing.
      expect(access.cursorSecret ?? false, handler).toBe(
        // … and acknowledging a reminder (a point update), and a calendar load (its recompute pages nothing
        // out).
        (access.cases !== undefined || access.posts === 'read') &&
          ![
            'partner-callback',
            'ack-reminder',
            'put-calendar',
            // … and loading a rule table, a district's post, revealing one case's fields: no listing.
            'put-warning-rules',
            'put-district',
            'reveal-fields',
          ].includes(handler),
      );
      const dynamo = actionsOn(handler, 'dynamodb:');
      const onIdempotency = statementsFor(handler)
        .filter((st) => resourcesOfStatement(st).includes(ref.idempotency))
        .flatMap(actionsOf);
      // The calendar's statements reach the cases table only under a leading-key condition (below).
      const leadingKeysOf = (st: ReturnType<typeof statementsFor>[number]) =>
        st.Condition?.['ForAllValues:StringEquals']?.['dynamodb:LeadingKeys'] as string[] | undefined;
      const onCalendar = statementsFor(handler).filter((st) => leadingKeysOf(st)?.[0] === CALENDAR_PARTITION);
      const onPosts = statementsFor(handler).filter((st) => leadingKeysOf(st)?.[0] === POSTS_PARTITION);
      expect(onPosts.flatMap(actionsOf).sort()).toEqual(
        access.posts ? [...(access.posts === 'write' ? POSTS_WRITE_ACTIONS : POSTS_READ_ACTIONS)].sort() : [],
      );
      for (const st of onPosts) expect(resourcesOfStatement(st)).toEqual([ref.cases]);
      const caseItemKeys = (st: ReturnType<typeof statementsFor>[number]) =>
        st.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'] as string[] | undefined;
      const onCaseItems = statementsFor(handler).filter(
        (st) => JSON.stringify(caseItemKeys(st)) === JSON.stringify(CASE_ITEM_PARTITIONS),
      );
      const onAccessRecords = statementsFor(handler).filter(isAccessRecordGrant);
      expect(onAccessRecords.flatMap(actionsOf).sort()).toEqual(
        access.recordAccess ? ACCESS_RECORD_ACTIONS : [],
      );
      for (const st of onAccessRecords) expect(resourcesOfStatement(st)).toEqual([ref.cases]);
      const onCases = statementsFor(handler)
        .filter(
          (st) =>
            !onCalendar.includes(st) &&
            !onPosts.includes(st) &&
            !onCaseItems.includes(st) &&
            !onAccessRecords.includes(st),
        )
        .filter((st) => resourcesOfStatement(st).some((r) => r === ref.cases || ref.casesIndexes.includes(r)))
        .flatMap(actionsOf);
      expect(onCalendar.flatMap(actionsOf).sort()).toEqual(
        access.calendar
          ? [...CALENDAR_READ_ACTIONS, ...(access.calendar === 'write' ? CALENDAR_WRITE_ACTIONS : [])].sort()
          : [],
      );
      for (const st of onCalendar) {
        expect(resourcesOfStatement(st)).toEqual([ref.cases]);
        expect(st.Condition?.['ForAllValues:StringEquals']?.['dynamodb:LeadingKeys']).toEqual([
          CALENDAR_PARTITION,
        ]);
      }

      if (access.cases === undefined) expect(onCases).toEqual([]);
      if (access.cases === 'read') expect(new Set(onCases)).toEqual(new Set(CASES_READ_ACTIONS));
      if (access.cases === 'case-items') {
        expect(new Set(onCases)).toEqual(new Set(CASES_READ_ACTIONS));
        expect(new Set(onCaseItems.flatMap(actionsOf))).toEqual(new Set(CASES_WRITE_ACTIONS));
        for (const st of onCaseItems) expect(resourcesOfStatement(st)).toEqual([ref.cases]);
      } else expect(onCaseItems).toEqual([]);
      if (access.cases === 'write') {
        expect(new Set(onCases)).toEqual(new Set([...CASES_READ_ACTIONS, ...CASES_WRITE_ACTIONS]));
        // Writes go to the table only: an index cannot be written.
        const writesOnIndexes = statementsFor(handler).filter(
          (st) =>
            actionsOf(st).some((a) => (CASES_WRITE_ACTIONS as readonly string[]).includes(a)) &&
            resourcesOfStatement(st).some((r) => ref.casesIndexes.includes(r)),
        );
        expect(writesOnIndexes).toEqual([]);
      }
      expect(new Set(onIdempotency)).toEqual(new Set(access.idempotency ? IDEMPOTENCY_ACTIONS : []));
      // BatchWriteItem only to append access records (above).
      const dynamoBesidesAccessRecords = statementsFor(handler)
        .filter((st) => !onAccessRecords.includes(st))
        .flatMap(actionsOf)
        .filter((a) => a.startsWith('dynamodb:'));
      expect(dynamoBesidesAccessRecords.some((a) => /Scan|BatchWrite|DeleteTable|CreateTable/.test(a))).toBe(
        false,
      );
      expect([...dynamo].some((a) => /Scan|DeleteTable|CreateTable/.test(a))).toBe(false);

      const secretReads = statementsFor(handler).filter((st) =>
        resourcesOfStatement(st).includes(ref.secret),
      );
      expect(secretReads.flatMap(actionsOf)).toEqual(
        access.cursorSecret ? ['secretsmanager:GetSecretValue'] : [],
      );

      const sqs = statementsFor(handler).filter((st) => actionsOf(st).some((a) => a.startsWith('sqs:')));
      if (!access.redriveDeadLetters?.length) expect(sqs).toEqual([]);
    },
  );

  it('read-only handlers can write nothing', () => {
    const readers = ROUTES.filter(
      (r) =>
        functionOf(r).access.cases !== 'write' &&
        functionOf(r).access.cases !== 'case-items' &&
        functionOf(r).access.calendar !== 'write' &&
        functionOf(r).access.posts !== 'write',
    );
    expect(readers.length).toBeGreaterThan(0);
    const writeActions = /^(dynamodb:(PutItem|UpdateItem|DeleteItem|BatchWriteItem|ConditionCheckItem))$/;
    for (const route of readers) {
      // A recorded read appends its access records (ACCESS#…) and writes nothing else.
      const writes = statementsFor(route.handler)
        .filter((st) => !(functionOf(route).access.recordAccess && isAccessRecordGrant(st)))
        .flatMap(actionsOf)
        .filter((a) => writeActions.test(a));
      expect(writes, route.handler).toEqual([]);
    }
  });

  it('the redrive handler may move messages from each dead-letter queue to its queue, and nothing else on SQS', () => {
    const sqs = statementsFor('redrive-dead-letters').filter((st) =>
      actionsOf(st).some((a) => a.startsWith('sqs:')),
    );
    const onDeadLetters = sqs.filter((st) =>
      resourcesOfStatement(st).every((r) => ref.deadLetters.includes(r)),
    );
    const onQueues = sqs.filter((st) => resourcesOfStatement(st).every((r) => ref.queues.includes(r)));
    expect(onDeadLetters.length + onQueues.length).toBe(sqs.length);
    expect(new Set(onDeadLetters.flatMap(resourcesOfStatement))).toEqual(new Set(ref.deadLetters));
    expect(new Set(onQueues.flatMap(resourcesOfStatement))).toEqual(new Set(ref.queues));
    expect(new Set(onQueues.flatMap(actionsOf))).toEqual(new Set(['sqs:SendMessage']));
    expect(new Set(onDeadLetters.flatMap(actionsOf))).toEqual(
      new Set(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes']),
    );
    const fn = Object.values(resourcesOf(dev.s.statelessTemplate, 'AWS::Lambda::Function')).find(
      (f) => f.Properties.FunctionName === functionName('redrive-dead-letters'),
    );
    const urls = fn?.Properties.Environment.Variables.HANDOFF_QUEUES;
    expect(dev.ref(urls)).toMatch(
      new RegExp(
        Object.keys(HANDOFF_QUEUES)
          .map((k) => `"${k}":\\{"queueUrl":`)
          .join('.*'),
      ),
    );
  });

  it('health touches nothing but its log group and X-Ray', () => {
    expect(new Set(statementsFor('health').flatMap(actionsOf))).toEqual(
      new Set([
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        'xray:PutTraceSegments',
        'xray:PutTelemetryRecords',
      ]),
    );
  });
});

describe('mediator API', () => {
  const routesByKey = () =>
    new Map(
      Object.entries(resourcesOf(dev.s.statelessTemplate, 'AWS::ApiGatewayV2::Route')).map(([id, r]) => [
        r.Properties.RouteKey as string,
        { id, ...r.Properties },
      ]),
    );

  it('is an HTTP API with CORS for the configured origins only', () => {
    dev.s.statelessTemplate.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      Name: 'ldm-dev-mediator-api',
      ProtocolType: 'HTTP',
      CorsConfiguration: {
        AllowOrigins: [...STAGES.dev.cors.allowedOrigins],
        AllowHeaders: Match.arrayWith(['authorization', 'idempotency-key', 'if-match']),
        ExposeHeaders: ['etag', 'location'],
        AllowCredentials: false,
      },
    });
  });

  it('has a JWT authorizer on the Cognito pool: issuer is the pool, audience the app and dashboard clients', () => {
    const [authorizer] = Object.values(resourcesOf(dev.s.statelessTemplate, 'AWS::ApiGatewayV2::Authorizer'));
    expect(authorizer?.Properties.AuthorizerType).toBe('JWT');
    expect(authorizer?.Properties.IdentitySource).toEqual(['$request.header.Authorization']);
    const { Audience, Issuer } = authorizer?.Properties.JwtConfiguration ?? {};
    expect(Audience.map((a: unknown) => dev.ref(a))).toEqual([
      logicalId(dev.s.stateful.signIn.userPoolClient as cognito.UserPoolClient),
      // The dashboard's public client (PKCE, infra/cdk/constructs/sign-in.ts).
      logicalId(dev.s.stateful.signIn.dashboardClient as cognito.UserPoolClient),
    ]);
    expect(dev.ref(Issuer)).toBe(
      `https://cognito-idp.ap-southeast-1.amazonaws.com/${logicalId(dev.s.stateful.signIn.userPool as cognito.UserPool)}`,
    );
  });

  const perPartnerRoutes = Object.keys(STAGES.dev.callbacks.partners).map(partnerCallbackRouteKey);

  it('serves exactly the route table; every auth route has the JWT authorizer, the public ones none', () => {
    const deployed = routesByKey();
    // And a literal copy of the callback route per partner the stage throttles on its own.
    expect([...deployed.keys()].sort()).toEqual([...ROUTES.map(routeKey), ...perPartnerRoutes].sort());
    const [authorizerId] = Object.keys(resourcesOf(dev.s.statelessTemplate, 'AWS::ApiGatewayV2::Authorizer'));
    for (const route of ROUTES) {
      const deployedRoute = deployed.get(routeKey(route));
      if (route.auth) {
        expect(deployedRoute, routeKey(route)).toMatchObject({
          AuthorizationType: 'JWT',
          AuthorizerId: { Ref: authorizerId },
        });
      } else {
        expect(deployedRoute?.AuthorizationType, routeKey(route)).toBe('NONE');
        expect(deployedRoute?.AuthorizerId).toBeUndefined();
      }
    }
  });

  it('integrates every route with a distinct function, the one built from its handler', () => {
    const integrations = resourcesOf(dev.s.statelessTemplate, 'AWS::ApiGatewayV2::Integration');
    const functions = resourcesOf(dev.s.statelessTemplate, 'AWS::Lambda::Function');
    const targets = new Set<string>();
    for (const route of ROUTES) {
      const target = routesByKey().get(routeKey(route))?.Target as { 'Fn::Join': [string, unknown[]] };
      const integrationId = (target['Fn::Join'][1][1] as { Ref: string }).Ref;
      const integration = integrations[integrationId]?.Properties;
      expect(integration).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
      // The integration invokes the function's `live` alias (a canary in production shifts it), not $LATEST.
      const aliasId = integration.IntegrationUri.Ref as string;
      const functionId = resourcesOf(dev.s.statelessTemplate, 'AWS::Lambda::Alias')[aliasId]?.Properties
        .FunctionName.Ref as string;
      expect(functions[functionId]?.Properties.FunctionName).toBe(functionName(route.handler));
      targets.add(functionId);
    }
    expect(targets.size).toBe(ROUTES.length);
  });

  it('gives each partner of the stage config a literal callback route: public, on the callback integration', () => {
    const deployed = routesByKey();
    const generic = deployed.get(PARTNER_CALLBACK_ROUTE.key);
    expect(perPartnerRoutes).toEqual([
      'POST /partners/qd-shinan-court/callbacks',
      'POST /partners/qd-arbitration/callbacks',
    ]);
    for (const key of perPartnerRoutes) {
      expect(deployed.get(key), key).toMatchObject({ AuthorizationType: 'NONE', Target: generic?.Target });
      expect(deployed.get(key)?.AuthorizerId, key).toBeUndefined();
    }
    // API Gateway may invoke the callback function from each of them.
    const sources = Object.values(resourcesOf(dev.s.statelessTemplate, 'AWS::Lambda::Permission')).map((p) =>
      dev.ref(p.Properties.SourceArn),
    );
    for (const path of ['/partners/{partnerId}/callbacks', ...perPartnerRoutes.map((k) => k.split(' ')[1])])
      expect(
        sources.filter((arn) => arn.endsWith(`/*/*${path}`)),
        path,
      ).toHaveLength(1);
  });

  it('throttles each listed partner’s callback route with its limits and the generic one with the low default', () => {
    const [stage] = Object.values(resourcesOf(dev.s.statelessTemplate, 'AWS::ApiGatewayV2::Stage'));
    const settings = (rateLimit: number, burstLimit: number) => ({
      ThrottlingRateLimit: rateLimit,
      ThrottlingBurstLimit: burstLimit,
      // A route's settings replace the stage defaults: detailed metrics stay on.
      DetailedMetricsEnabled: true,
    });
    const { callbacks } = STAGES.dev;
    // Every other route has its kind's limits (test/infra/national-stages.test.ts).
    expect(stage?.Properties.RouteSettings).toMatchObject({
      [PARTNER_CALLBACK_ROUTE.key]: settings(callbacks.default.rateLimit, callbacks.default.burstLimit),
      'POST /partners/qd-shinan-court/callbacks': settings(
        callbacks.partners['qd-shinan-court'].rateLimit,
        callbacks.partners['qd-shinan-court'].burstLimit,
      ),
      'POST /partners/qd-arbitration/callbacks': settings(
        callbacks.partners['qd-arbitration'].rateLimit,
        callbacks.partners['qd-arbitration'].burstLimit,
      ),
    });
    expect(callbacks.default.rateLimit).toBeLessThan(STAGES.dev.throttling.rateLimit);
    // Every other route keeps the stage default.
    expect(stage?.Properties.DefaultRouteSettings).toMatchObject({
      ThrottlingRateLimit: STAGES.dev.throttling.rateLimit,
      ThrottlingBurstLimit: STAGES.dev.throttling.burstLimit,
    });
    // CloudFormation refuses settings for a route it has not created yet: the stage waits for them.
    const ids = routesByKey();
    for (const key of Object.keys(stage?.Properties.RouteSettings))
      expect(stage?.DependsOn, key).toContain(ids.get(key)?.id);
  });

  it('has one $default stage with throttling and JSON access logs without personal data', () => {
    const [stage] = Object.values(resourcesOf(dev.s.statelessTemplate, 'AWS::ApiGatewayV2::Stage'));
    expect(stage?.Properties).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: {
        ThrottlingRateLimit: STAGES.dev.throttling.rateLimit,
        ThrottlingBurstLimit: STAGES.dev.throttling.burstLimit,
        DetailedMetricsEnabled: true,
      },
    });
    const format = JSON.parse(stage?.Properties.AccessLogSettings.Format) as Record<string, string>;
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      routeKey: '$context.routeKey',
      status: '$context.status',
      responseLatency: '$context.responseLatency',
      integrationLatency: '$context.integrationLatency',
    });
    expect(format).toEqual(ACCESS_LOG_FIELDS);
    const values = Object.values(format).join(' ');
    expect(values).not.toMatch(/authorization|identity\.sourceIp|userAgent|requestBody|querystring/i);

    const groupId = stage?.Properties.AccessLogSettings.DestinationArn['Fn::GetAtt'][0] as string;
    const group = resourcesOf(dev.s.statelessTemplate, 'AWS::Logs::LogGroup')[groupId]?.Properties;
    expect(group.RetentionInDays).toBe(STAGES.dev.logRetentionDays);
    expect(dev.ref(group.KmsKeyId)).toBe(ref.logKey);
  });
});

describe('monitoring', () => {
  const alarms = () => Object.values(resourcesOf(dev.s.statelessTemplate, 'AWS::CloudWatch::Alarm'));

  it('sends alarms to a KMS-encrypted topic with the stage e-mail subscribed', () => {
    const [topicId, topic] = Object.entries(resourcesOf(dev.s.statelessTemplate, 'AWS::SNS::Topic'))[0] ?? [];
    expect(dev.ref(topic?.Properties.KmsMasterKeyId)).toBe(ref.logKey);
    dev.s.statelessTemplate.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: STAGES.dev.alarmEmail,
      TopicArn: { Ref: topicId },
    });
    for (const alarm of alarms()) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
      // A stalled sweep is the one alarm whose missing data is news (test/infra/national-stages.test.ts).
      const stalled = /-stalled$/.test(alarm.Properties.AlarmName);
      expect(alarm.Properties.TreatMissingData).toBe(stalled ? 'breaching' : 'notBreaching');
    }
  });

  it('alarms on the API 5xx rate and p99 latency', () => {
    const rate = alarms().find((a) => a.Properties.AlarmName === 'ldm-dev-api-5xx-rate');
    const expression = rate?.Properties.Metrics.find((m: { Expression?: string }) => m.Expression);
    expect(expression.Expression).toContain('100 * errors / requests');
    const metricNames = rate?.Properties.Metrics.filter((m: { MetricStat?: unknown }) => m.MetricStat).map(
      (m: { MetricStat: { Metric: { MetricName: string } } }) => m.MetricStat.Metric.MetricName,
    );
    expect(metricNames.sort()).toEqual(['5xx', 'Count']);

    const latency = alarms().find((a) => a.Properties.AlarmName === 'ldm-dev-api-p99-latency');
    expect(latency?.Properties).toMatchObject({
      MetricName: 'Latency',
      Namespace: 'AWS/ApiGateway',
      ExtendedStatistic: 'p99',
    });
  });

  it('alarms on errors and throttles of every function', () => {
    const functionIds = new Map(
      Object.entries(resourcesOf(dev.s.statelessTemplate, 'AWS::Lambda::Function')).map(([id, f]) => [
        f.Properties.FunctionName as string,
        id,
      ]),
    );
    for (const route of ROUTES) {
      for (const [suffix, metric] of [
        ['errors', 'Errors'],
        ['throttles', 'Throttles'],
      ]) {
        const alarm = alarms().find(
          (a) => a.Properties.AlarmName === `ldm-dev-http-${route.handler}-${suffix}`,
        );
        expect(alarm?.Properties, `${route.handler} ${suffix}`).toMatchObject({
          MetricName: metric,
          Namespace: 'AWS/Lambda',
          Statistic: 'Sum',
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          Dimensions: [
            { Name: 'FunctionName', Value: { Ref: functionIds.get(functionName(route.handler)) } },
          ],
        });
      }
    }
  });

  it('alarms on repeated partner callback signature failures, on the metric the callback function publishes', () => {
    const alarm = alarms().find((a) => a.Properties.AlarmName === 'ldm-dev-callback-signatures-rejected');
    expect(alarm?.Properties).toMatchObject({
      // What the embedded metric format lines carry (functions/shared/observability.ts, constants.ts).
      Namespace: 'LabourDisputeMediation',
      MetricName: 'CallbackSignatureRejected',
      Dimensions: [{ Name: 'service', Value: 'labour-dispute-mediation' }],
      Statistic: 'Sum',
      Period: 300,
      Threshold: THRESHOLDS.callbackSignatureRejections,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      DatapointsToAlarm: 1,
      TreatMissingData: 'notBreaching',
    });
    expect(THRESHOLDS.callbackSignatureRejections).toBe(10);
    const [topicId] = Object.keys(resourcesOf(dev.s.statelessTemplate, 'AWS::SNS::Topic'));
    expect(alarm?.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
    expect(alarm?.Properties.OKActions).toEqual([{ Ref: topicId }]);
    expect(alarm?.Properties.AlarmDescription).toMatch(/rotat/);
    expect(alarm?.Properties.AlarmDescription).toMatch(/prob/);
  });

  it('alarms on the metric names the callback function really emits', () => {
    const source = readFileSync(join(PROJECT_ROOT, 'functions/callbacks/partner-callback.ts'), 'utf8');
    for (const name of Object.values(CALLBACK_METRICS))
      expect(source, name).toMatch(new RegExp(`addMetric\\(\\s*'${name}'`));
  });

  it('has a dashboard', () => {
    dev.s.statelessTemplate.hasResourceProperties('AWS::CloudWatch::Dashboard', {
      DashboardName: 'ldm-dev-operations',
    });
  });
});
