import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import {
  consumerModule,
  HANDOFF_QUEUE_KINDS,
  HANDOFF_QUEUES,
  HANDOFF_RELAY,
  HANDOFF_SWEEPER,
} from '../../functions/adapters/sqs/queues.ts';
import { handlerModule, ROUTES, type RouteDefinition, routeKey } from '../../functions/http/routes.ts';
import { CoreGrants } from './constructs/grants.ts';
import { MediatorApi } from './constructs/mediator-api.ts';
import { Monitoring } from './constructs/monitoring.ts';
import { ServiceFunction, type ServiceFunctionProps } from './constructs/service-function.ts';
import { HTTP_HANDLER_ACCESS } from './http-access.ts';
import { resourceName, type StageConfig } from './stage-config.ts';
import type { CoreResources, HandoffKind } from './stateful-stack.ts';

export interface StatelessStackProps extends StackProps {
  readonly stage: StageConfig;
  /** The stateful stack's resources. */
  readonly core: CoreResources;
  /**
   * The route table to deploy.
   * @default ROUTES from functions/http/routes.ts
   */
  readonly routes?: readonly RouteDefinition[];
}

/** What `addFunction` needs beyond the stage defaults. */
export type FunctionOptions = Omit<ServiceFunctionProps, 'functionName' | 'logKey' | 'logRetention'> & {
  /** Becomes `ldm-<stage>-<name>`; also the alarm names' stem. */
  readonly name: string;
};

/**
 * Functions, the API and monitoring: everything that can be replaced without losing data. One function per
 * route of the route table, each granted only what its handler touches.
 *
 * A new function (a stream or queue consumer) is a few lines; `grants` keeps it least-privilege (an
 * event source mapping added this way grants nothing by itself):
 * ```ts
 * const fn = this.addFunction('CourtHandoffs', { entry: 'functions/queues/partner-handoffs.ts', name: 'queue-court' });
 * this.grants.tableNames(fn);
 * this.grants.readCursorSecret(fn);
 * this.grants.writeCases(fn);
 * this.grants.consumeHandoffs(fn, 'COURT');
 * fn.addEventSourceMapping('CourtQueue', {
 *   eventSourceArn: this.core.handoffQueues.COURT.queue.queueArn,
 *   reportBatchItemFailures: true,
 * });
 * ```
 */
export class StatelessStack extends Stack {
  readonly stage: StageConfig;
  readonly core: CoreResources;
  readonly grants: CoreGrants;
  readonly monitoring: Monitoring;
  readonly api: MediatorApi;
  /** The function serving each route, by route key (`GET /cases/{caseId}`). */
  readonly httpFunctions: ReadonlyMap<string, ServiceFunction>;
  /** The handoff pipeline: the stream relay and one consumer per handoff queue. */
  readonly handoffRelay: ServiceFunction;
  readonly handoffConsumers: Readonly<Record<HandoffKind, ServiceFunction>>;
  readonly handoffSweeper: ServiceFunction;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    this.stage = props.stage;
    this.core = props.core;
    this.grants = new CoreGrants(props.core);
    this.monitoring = new Monitoring(this, 'Monitoring', { stage: props.stage, key: props.core.key });

    const routes = props.routes ?? ROUTES;
    const functions = new Map<string, ServiceFunction>();
    for (const route of routes) {
      const access = HTTP_HANDLER_ACCESS[route.handler];
      if (!access) throw new Error(`handler ${route.handler} has no entry in HTTP_HANDLER_ACCESS`);
      const fn = this.addFunction(`${pascal(route.handler)}Function`, {
        entry: handlerModule(route),
        name: `http-${route.handler}`,
        description: `${routeKey(route)}: ${route.summary}`,
      });
      if (access.cases !== 'none') {
        // The composition root parses both table names and the cursor secret at cold start.
        this.grants.tableNames(fn);
        this.grants.readCursorSecret(fn);
        if (access.cases === 'write') this.grants.writeCases(fn);
        else this.grants.readCases(fn);
      }
      if (access.idempotency) this.grants.useIdempotency(fn);
      if (access.redriveDeadLetters) {
        for (const kind of Object.keys(props.core.handoffQueues) as HandoffKind[]) {
          this.grants.redriveDeadLetters(fn, kind);
        }
      }
      functions.set(routeKey(route), fn);
    }
    this.httpFunctions = functions;

    this.api = new MediatorApi(this, 'MediatorApi', {
      stage: props.stage,
      routes,
      functions,
      userPool: props.core.userPool,
      userPoolClient: props.core.userPoolClient,
      logKey: props.core.key,
    });
    this.monitoring.watchHttpApi(this.api.httpApi);

    [this.handoffRelay, this.handoffConsumers] = this.#handoffPipeline(props.core);
    this.handoffSweeper = this.#handoffSweeper();

    new CfnOutput(this, 'ApiUrl', { value: this.api.defaultStage.url, description: 'Mediator API base URL' });
    new CfnOutput(this, 'UserPoolId', { value: props.core.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: props.core.userPoolClient.userPoolClientId });
    new CfnOutput(this, 'DashboardName', { value: this.monitoring.dashboard.dashboardName });
  }

  /**
   * The cases table's stream → the relay → one FIFO queue per destination kind → its consumer, with the
   * batch sizes, timeouts and filter of functions/adapters/sqs/queues.ts (the local stack polls with the
   * same). The relay keeps one batch per shard in flight (ParallelizationFactor 1) so a case's handoffs
   * stay in order, and retries a failed record until it is published rather than skipping it.
   */
  #handoffPipeline(core: CoreResources): [ServiceFunction, Record<HandoffKind, ServiceFunction>] {
    const relay = this.addFunction('HandoffRelay', {
      entry: HANDOFF_RELAY.module,
      name: 'handoff-relay',
      description: 'Cases table stream → handoff queues (transactional outbox relay)',
      timeout: Duration.seconds(HANDOFF_RELAY.timeoutSeconds),
    });
    this.grants.readCaseStream(relay);
    for (const kind of HANDOFF_QUEUE_KINDS) this.grants.sendHandoffs(relay, kind);
    const streamArn = core.casesTable.tableStreamArn;
    if (!streamArn) throw new Error('the cases table has no stream');
    relay.addEventSourceMapping('CaseStream', {
      eventSourceArn: streamArn,
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: HANDOFF_RELAY.batchSize,
      parallelizationFactor: 1,
      bisectBatchOnError: false,
      reportBatchItemFailures: true,
      filters: [FilterCriteria.filter(HANDOFF_RELAY.filter)],
    });
    this.monitoring.watchStreamConsumer(relay, 'handoff-relay');

    const consumers: Partial<Record<HandoffKind, ServiceFunction>> = {};
    for (const kind of HANDOFF_QUEUE_KINDS) {
      const design = HANDOFF_QUEUES[kind];
      const label = kind.toLowerCase().replace(/_/g, '-');
      const fn = this.addFunction(`${pascal(label)}HandoffConsumer`, {
        entry: consumerModule(design),
        name: `queue-${label}`,
        description: `${design.name} → ${kind === 'UNION_POST' ? 'the receiving post' : 'the partner webhook'}`,
        timeout: Duration.seconds(design.consumerTimeoutSeconds),
      });
      this.grants.tableNames(fn);
      this.grants.readCursorSecret(fn);
      this.grants.writeCases(fn);
      this.grants.consumeHandoffs(fn, kind);
      if (kind !== 'UNION_POST') this.grants.readPartnerRegistry(fn);
      const { queue, deadLetterQueue } = core.handoffQueues[kind];
      fn.addEventSourceMapping(`${pascal(label)}Queue`, {
        eventSourceArn: queue.queueArn,
        batchSize: design.batchSize,
        reportBatchItemFailures: true,
      });
      this.monitoring.watchHandoffQueue(`${label}-handoffs`, queue, deadLetterQueue);
      consumers[kind] = fn;
    }
    return [relay, consumers as Record<HandoffKind, ServiceFunction>];
  }

  /** The schedule that dispatches stale PENDING handoffs again, through the outbox. */
  #handoffSweeper(): ServiceFunction {
    const fn = this.addFunction('HandoffSweeper', {
      entry: HANDOFF_SWEEPER.module,
      name: 'handoff-sweeper',
      description: `Every ${HANDOFF_SWEEPER.everyMinutes} min: dispatch again handoffs pending over ${HANDOFF_SWEEPER.staleAfterMinutes} min`,
      timeout: Duration.seconds(HANDOFF_SWEEPER.timeoutSeconds),
    });
    this.grants.tableNames(fn);
    this.grants.readCursorSecret(fn);
    this.grants.writeCases(fn);
    new events.Rule(this, 'HandoffSweeperSchedule', {
      ruleName: resourceName(this.stage, 'handoff-sweeper'),
      schedule: events.Schedule.rate(Duration.minutes(HANDOFF_SWEEPER.everyMinutes)),
      targets: [new targets.LambdaFunction(fn, { retryAttempts: 2 })],
    });
    return fn;
  }

  /** A function with the system's defaults, named for the stage and watched by the alarms. */
  addFunction(id: string, options: FunctionOptions): ServiceFunction {
    const { name, ...rest } = options;
    const fn = new ServiceFunction(this, id, {
      ...rest,
      functionName: resourceName(this.stage, name),
      logKey: this.core.key,
      logRetention: this.stage.logRetentionDays as logs.RetentionDays,
      logRemovalPolicy: this.stage.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.monitoring.watchFunction(fn, name);
    return fn;
  }
}

const pascal = (kebab: string) =>
  kebab
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
