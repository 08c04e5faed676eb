import {
  CfnOutput,
  Duration,
  NestedStack,
  RemovalPolicy,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { FUNCTIONS, type FunctionEntry } from '../../functions/catalogue.ts';
import { functionOf, ROUTES, routeKey } from '../../functions/http/routes.ts';
import { CoreGrants } from './constructs/grants.ts';
import { MediatorApi, PARTNER_CALLBACK_ROUTE } from './constructs/mediator-api.ts';
import { Monitoring } from './constructs/monitoring.ts';
import { rollOut } from './constructs/rollout.ts';
import { ServiceFunction, type ServiceFunctionProps } from './constructs/service-function.ts';
import { resourceName, type StageConfig } from './stage-config.ts';
import type { CoreResources, HandoffKind } from './stateful-stack.ts';
import { type TriggerContext, wireQueue, wireSchedule, wireStream, wireSweepTasks } from './triggers.ts';

export interface StatelessStackProps extends StackProps {
  readonly stage: StageConfig;
  /** The stateful stack's resources. */
  readonly core: CoreResources;
  /** The web ACL's ARN (us-east-1) when the stage has per-caller limits (`apiFront`). */
  readonly webAclArn?: string;
}

/** What `addFunction` needs beyond the stage defaults. */
export type FunctionOptions = Omit<ServiceFunctionProps, 'functionName' | 'logKey' | 'logRetention'> & {
  /** Becomes `ldm-<stage>-<name>`; also the alarm names' stem. */
  readonly name: string;
};

/**
 * Functions, the API and monitoring: everything that can be replaced without losing data. Deploys the
 * function catalogue (functions/catalogue.ts): every entry becomes one function with the stage's
 * defaults and alarms, granted exactly its entry's `access`, behind its trigger — an HTTP route of the
 * mediator API, a handoff queue, the cases table's stream or a schedule. Adding a function is one entry
 * in the catalogue and its handler module; nothing here names a function.
 */
export class StatelessStack extends Stack {
  readonly stage: StageConfig;
  readonly core: CoreResources;
  readonly grants: CoreGrants;
  readonly monitoring: Monitoring;
  readonly api: MediatorApi;
  /** Every deployed function, by catalogue name (`handoff-relay`, `http-get-case`, …). */
  readonly functions: ReadonlyMap<string, ServiceFunction>;
  /** The function serving each route, by route key (`GET /cases/{caseId}`). */
  readonly httpFunctions: ReadonlyMap<string, ServiceFunction>;
  /** The consumer of each handoff queue (the relay and the sweeper are in `functions`, by name). */
  readonly handoffConsumers: Readonly<Record<HandoffKind, ServiceFunction>>;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    this.stage = props.stage;
    this.core = props.core;
    this.grants = new CoreGrants(props.core);
    // The alarms, their topic and the dashboard in a nested stack of their own: a function brings four
    // alarms, and with everything in one template the stack passed CloudFormation's 500 resources.
    this.monitoring = new Monitoring(new NestedStack(this, 'Watch'), 'Monitoring', {
      stage: props.stage,
      key: props.core.logKey,
      core: props.core,
    });

    const functions = new Map<string, ServiceFunction>();
    for (const entry of FUNCTIONS) {
      if (functions.has(entry.name)) throw new Error(`the catalogue lists ${entry.name} twice`);
      functions.set(entry.name, this.#deploy(entry));
    }
    this.functions = functions;
    const deployed = (entry: FunctionEntry) => functions.get(entry.name) as ServiceFunction;

    this.httpFunctions = new Map(ROUTES.map((route) => [routeKey(route), deployed(functionOf(route))]));
    // Here, not in the nested stack: the functions (in this template) read it, and the API's nested
    // stack already depends on them.
    const originSecret = props.webAclArn ? this.#originSecret() : undefined;
    // The API (routes, integrations and their permissions) in a nested stack too, for the same reason.
    this.api = new MediatorApi(new NestedStack(this, 'Edge'), 'MediatorApi', {
      stage: props.stage,
      routes: ROUTES,
      // The `live` alias of each function: a canary in production shifts the API's traffic too.
      functions: new Map([...this.httpFunctions].map(([key, fn]) => [key, fn.live])),
      signIn: props.core.signIn,
      logKey: props.core.logKey,
      ...(props.webAclArn && originSecret ? { front: { webAclArn: props.webAclArn, originSecret } } : {}),
    });
    this.monitoring.watchHttpApi(this.api.httpApi, this.api.accessLogs);
    if (this.httpFunctions.has(PARTNER_CALLBACK_ROUTE.key)) this.monitoring.watchPartnerCallbacks();

    // After the API, so the dashboard shows the API's widgets above the pipeline's.
    const context: TriggerContext = {
      stack: this,
      stage: props.stage,
      core: props.core,
      monitoring: this.monitoring,
      grants: this.grants,
    };
    const consumers = new Map<HandoffKind, ServiceFunction>();
    for (const entry of FUNCTIONS) {
      const fn = deployed(entry);
      const { trigger } = entry;
      switch (trigger.kind) {
        case 'http':
          break;
        case 'queue':
          if (consumers.has(trigger.queue))
            throw new Error(`two consumers in the catalogue drain ${trigger.queue}`);
          consumers.set(trigger.queue, fn);
          wireQueue(context, fn, { ...entry, trigger });
          break;
        case 'stream':
          wireStream(context, fn, { ...entry, trigger });
          break;
        case 'schedule':
          wireSchedule(context, fn, { ...entry, trigger });
          break;
        case 'sweepTasks':
          wireSweepTasks(context, fn, { ...entry, trigger });
          break;
      }
    }
    this.handoffConsumers = everyQueueDrained(
      consumers,
      Object.keys(props.core.handoffQueues) as HandoffKind[],
    );

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Mediator API base URL' });
    const { userPool, userPoolClient } = props.core.signIn;
    if (userPool) new CfnOutput(this, 'UserPoolId', { value: userPool.userPoolId });
    if (userPoolClient) new CfnOutput(this, 'UserPoolClientId', { value: userPoolClient.userPoolClientId });
    new CfnOutput(this, 'DashboardName', { value: this.monitoring.dashboard.dashboardName });
  }

  /**
   * The value CloudFront sends in the origin header and the API's functions expect, generated once per
   * stage; both read it through a CloudFormation dynamic reference, so it is in no template.
   */
  #originSecret(): secretsmanager.Secret {
    const secret = new secretsmanager.Secret(this, 'OriginSecret', {
      secretName: resourceName(this.stage, 'origin-verify'),
      description: 'The origin header CloudFront adds in front of the mediator API (per-caller limits)',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'CloudFormation resolves the dynamic references only when a stack update touches the distribution and the functions, so an automatic rotation would lock CloudFront out; docs/operations.md rotates it with a deploy.',
    });
    return secret;
  }

  /** One catalogue entry's function, with its grants; its trigger is wired by the caller. */
  #deploy(entry: FunctionEntry): ServiceFunction {
    const fn = this.addFunction(entry.id, {
      entry: entry.entry,
      name: entry.name,
      description: entry.description,
      timeout: Duration.seconds(entry.timeoutSeconds),
    });
    this.grants.apply(fn, entry.access);
    return fn;
  }

  /** A function with the system's defaults, named for the stage and watched by the alarms. */
  addFunction(id: string, options: FunctionOptions): ServiceFunction {
    const { name, ...rest } = options;
    const fn = new ServiceFunction(this, id, {
      ...rest,
      functionName: resourceName(this.stage, name),
      logKey: this.core.logKey,
      logRetention: this.stage.logRetentionDays as logs.RetentionDays,
      logRemovalPolicy: this.stage.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    const watched = this.monitoring.alarms.length;
    this.monitoring.watchFunction(fn, name);
    const errors = this.monitoring.alarms.slice(watched).filter((a) => a.node.id === `${fn.node.id}Errors`);
    rollOut(this, this.stage, fn, errors);
    return fn;
  }
}

/** A queue nobody drains would fill up unseen; synth stops instead. */
function everyQueueDrained(
  consumers: ReadonlyMap<HandoffKind, ServiceFunction>,
  kinds: readonly HandoffKind[],
): Record<HandoffKind, ServiceFunction> {
  const missing = kinds.filter((kind) => !consumers.has(kind));
  if (missing.length > 0) throw new Error(`no consumer in the catalogue for ${missing.join(', ')}`);
  return Object.fromEntries(consumers) as Record<HandoffKind, ServiceFunction>;
}
