import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { type RouteDefinition, routeKey } from '../../../functions/http/routes.ts';
import { ORIGIN_VARIABLE } from '../../../functions/shared/constants.ts';
import { resourceName, routeThrottleKind, type StageConfig, type Throttle } from '../stage-config.ts';
import { ApiFront } from './api-front.ts';
import { PartnerDoor } from './partner-door.ts';
import type { SignIn } from './sign-in.ts';

/**
 * One JSON line per request: enough to trace a request (its id is in the function logs too), see where
 * time went and why it failed. No Authorization header, no bodies, no query strings (cursors), no IP
 * addresses or user agents: access logs hold no personal data.
 */
export const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  routeKey: '$context.routeKey',
  path: '$context.path',
  protocol: '$context.protocol',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationStatus: '$context.integrationStatus',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  error: '$context.error.message',
} as const;

/** The route partners call back on; the stage's `callbacks` limits are for it and its per-partner copies. */
export const PARTNER_CALLBACK_ROUTE = {
  key: 'POST /partners/{partnerId}/callbacks',
  parameter: '{partnerId}',
} as const;

/**
 * The routes the stage's `callbacks` section throttles, by route key: the generic callback route with the
 * default limits and, for each partner listed, its literal route `POST /partners/<id>/callbacks` with its
 * own. HTTP APIs match a literal path before a `{partnerId}` one, so a listed partner's calls land on its
 * route and spend its bucket only.
 */
export function callbackThrottles(stage: StageConfig): Map<string, Throttle> {
  const throttles = new Map<string, Throttle>([[PARTNER_CALLBACK_ROUTE.key, stage.callbacks.default]]);
  for (const [partnerId, limits] of Object.entries(stage.callbacks.partners)) {
    throttles.set(partnerCallbackRouteKey(partnerId), limits);
  }
  return throttles;
}

/** `POST /partners/<id>/callbacks`: a partner's own literal callback route (ids never hold `{`, `}` or `/`). */
export const partnerCallbackRouteKey = (partnerId: string) =>
  PARTNER_CALLBACK_ROUTE.key.replace(PARTNER_CALLBACK_ROUTE.parameter, partnerId);

export interface MediatorApiProps {
  readonly stage: StageConfig;
  /** The route table (functions/http/routes.ts); a public route carries the reason it is public. */
  readonly routes: readonly RouteDefinition[];
  /** The function serving each route, by route key. */
  readonly functions: ReadonlyMap<string, lambda.IFunction>;
  /** The token issuer and audiences the JWT authorizer accepts. */
  readonly signIn: SignIn;
  /** Encrypts the access log group. */
  readonly logKey: kms.IKey;
  /**
   * Per-caller limits (the stage's `apiFront`): the web ACL's ARN (us-east-1) and the origin header's
   * value. With them the API is served through a CloudFront distribution (see ApiFront) and every
   * function behind a mediator API route refuses requests that skipped it.
   */
  readonly front?: { readonly webAclArn: string; readonly originSecret: secretsmanager.ISecret };
}

/**
 * Every route's limits, by route key: its kind's bucket from the stage's `routes` (reads, actions, admin,
 * public), and the `callbacks` limits for the callback routes (see `callbackThrottles`).
 */
export function routeThrottles(
  stage: StageConfig,
  routes: readonly RouteDefinition[],
): Map<string, Throttle> {
  const throttles = new Map<string, Throttle>(
    routes.map((route) => [routeKey(route), stage.routes[routeThrottleKind(route)]]),
  );
  if (routes.some((route) => routeKey(route) === PARTNER_CALLBACK_ROUTE.key)) {
    for (const [key, limits] of callbackThrottles(stage)) throttles.set(key, limits);
  }
  return throttles;
}

/**
 * The mediator API: an HTTP API whose routes are the route table's, each integrated with its own function;
 * a JWT authorizer (issuer and audience from the stage's sign-in: the Cognito pool and its app client, or
 * the federation's OIDC provider) guards every route marked `auth`, and is the default for any route added
 * later. The functions behind it read the role and post from the claims the stage names. One `$default` stage with the
 * stage's throttling, JSON access logs and CORS for the configured origins only. Partner callbacks are
 * throttled per partner (see `callbackThrottles`): each listed partner's literal route is integrated
 * with the callback route's function and, like it, public (the signature is the check).
 */
export class MediatorApi extends Construct {
  readonly httpApi: apigwv2.HttpApi;
  readonly defaultStage: apigwv2.HttpStage;
  readonly authorizer: HttpJwtAuthorizer;
  readonly accessLogs: logs.LogGroup;
  /** The partners' own API behind mutual TLS, when the stage has a `partnerDoor`; it has the callbacks. */
  readonly partnerDoor: PartnerDoor | undefined;
  /** CloudFront with the per-caller rate rules in front of the API, when the stage has an `apiFront`. */
  readonly front: ApiFront | undefined;
  /** The API's public base URL (no trailing slash): the distribution's with a front, else execute-api's. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: MediatorApiProps) {
    super(scope, id);
    const { stage } = props;
    const cognito = stage.signIn.provider === 'cognito';
    this.authorizer = new HttpJwtAuthorizer(cognito ? 'CognitoJwt' : 'OidcJwt', props.signIn.issuer, {
      authorizerName: resourceName(stage, cognito ? 'cognito-jwt' : 'oidc-jwt'),
      jwtAudience: [...props.signIn.audience],
      identitySource: ['$request.header.Authorization'],
    });
    this.httpApi = new apigwv2.HttpApi(this, 'HttpApi', {
      apiName: resourceName(stage, 'mediator-api'),
      description: 'Labour-dispute mediation: the mediator API',
      createDefaultStage: false,
      defaultAuthorizer: this.authorizer,
      corsPreflight: {
        allowOrigins: [...stage.cors.allowedOrigins],
        allowMethods: [
          apigwv2.CorsHttpMethod.GET,
          apigwv2.CorsHttpMethod.POST,
          apigwv2.CorsHttpMethod.PUT,
          apigwv2.CorsHttpMethod.OPTIONS,
        ],
        allowHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-match'],
        exposeHeaders: ['etag', 'location'],
        allowCredentials: false,
        maxAge: Duration.hours(1),
      },
    });

    // With a partner door, the callback routes live on the partners' API alone: none on the mediator API.
    this.partnerDoor = stage.partnerDoor
      ? new PartnerDoor(this, 'PartnerDoor', { stage, door: stage.partnerDoor })
      : undefined;
    const callbackKeys = new Set(callbackThrottles(stage).keys());
    const apiFor = (key: string) =>
      this.partnerDoor && callbackKeys.has(key) ? this.partnerDoor.httpApi : this.httpApi;
    const routes = new Map<string, apigwv2.HttpRoute[]>();
    const integrations = new Map<string, HttpLambdaIntegration>();
    const addRoute = (route: RouteDefinition, key: string, path: string) => {
      const fn = props.functions.get(routeKey(route));
      if (!fn) throw new Error(`no function for route ${routeKey(route)}`);
      // One integration per function: a partner's literal route shares the callback route's.
      const integration =
        integrations.get(routeKey(route)) ?? new HttpLambdaIntegration(`${fn.node.id}Integration`, fn);
      integrations.set(routeKey(route), integration);
      // The function behind an alias gets the environment (its version is hashed at synth, after this).
      const base = fn instanceof lambda.Alias ? fn.version.lambda : fn;
      if (route.auth && stage.claims && base instanceof lambda.Function) {
        // Parsed once at cold start (functions/http/request.ts); absent, today's claim names.
        base.addEnvironment('AUTH_ROLE_CLAIM', stage.claims.role);
        base.addEnvironment('AUTH_POST_CLAIM', stage.claims.post);
      }
      // Behind the front, the function refuses what did not come through it (the partners' API has its own door).
      if (props.front && apiFor(key) === this.httpApi && base instanceof lambda.Function)
        base.addEnvironment(ORIGIN_VARIABLE, props.front.originSecret.secretValue.unsafeUnwrap());
      const created = apiFor(key).addRoutes({
        path,
        methods: [apigwv2.HttpMethod[route.method]],
        integration,
        authorizer: route.auth ? this.authorizer : new apigwv2.HttpNoneAuthorizer(),
      });
      if (!route.auth) {
        // The catalogue's reason is the acknowledgement: a public route nobody explained fails synth.
        const reason = route.publicBecause?.trim();
        if (!reason) throw new Error(`route ${key} is public but its catalogue entry gives no publicBecause`);
        for (const httpRoute of created)
          Validations.of(httpRoute).acknowledge({ id: 'AwsSolutions-APIG4', reason });
      }
      routes.set(key, created);
    };
    for (const route of props.routes) addRoute(route, routeKey(route), route.path);

    // Per-partner throttling: each partner the stage lists gets a literal copy of the callback route.
    const callbackRoute = props.routes.find((r) => routeKey(r) === PARTNER_CALLBACK_ROUTE.key);
    const listed = Object.keys(stage.callbacks.partners);
    if (!callbackRoute && listed.length > 0)
      throw new Error(
        `the stage throttles callbacks per partner but no route is ${PARTNER_CALLBACK_ROUTE.key}`,
      );
    const throttles = routeThrottles(stage, props.routes);
    for (const partnerId of callbackRoute ? listed : []) {
      const key = partnerCallbackRouteKey(partnerId);
      addRoute(callbackRoute as RouteDefinition, key, key.slice(key.indexOf(' ') + 1));
    }

    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      logGroupName: `/aws/vendedlogs/${resourceName(stage, 'api-access')}`,
      retention: stage.logRetentionDays as logs.RetentionDays,
      encryptionKey: props.logKey,
      removalPolicy: stage.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    const accessLogSettings = {
      destination: new apigwv2.LogGroupLogDestination(this.accessLogs),
      format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
    };
    this.defaultStage = new apigwv2.HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      detailedMetricsEnabled: true,
      throttle: { rateLimit: stage.throttling.rateLimit, burstLimit: stage.throttling.burstLimit },
      accessLogSettings,
    });
    this.front = props.front
      ? new ApiFront(this, 'Front', { stage, httpApi: this.httpApi, ...props.front })
      : undefined;
    this.url = this.front?.url ?? this.httpApi.apiEndpoint;
    const doorStage = this.partnerDoor?.addStage(accessLogSettings, stage.callbacks.default);
    // HttpStage's `throttle` sets only the default route settings; per-route limits are the stage's
    // RouteSettings, keyed by route key. A route's settings replace the defaults, detailed metrics included.
    // GET /health is answered by a function: HTTP APIs have no mock integration, so its own small bucket is
    // what keeps a flood of probes from costing more than a few invocations a second.
    const onDoor = (key: string) => doorStage !== undefined && callbackKeys.has(key);
    throttleRoutes(
      this.defaultStage,
      [...throttles].filter(([key]) => !onDoor(key)),
      routes,
    );
    if (doorStage)
      throttleRoutes(
        doorStage,
        [...throttles].filter(([key]) => onDoor(key)),
        routes,
      );
  }
}

/** A stage's per-route limits (its RouteSettings, by route key), after the routes they name exist. */
function throttleRoutes(
  httpStage: apigwv2.HttpStage,
  throttles: readonly (readonly [string, Throttle])[],
  routes: ReadonlyMap<string, apigwv2.HttpRoute[]>,
): void {
  if (throttles.length === 0) return;
  const cfnStage = httpStage.node.defaultChild as apigwv2.CfnStage;
  cfnStage.routeSettings = Object.fromEntries(
    throttles.map(([key, limits]) => [
      key,
      {
        ThrottlingRateLimit: limits.rateLimit,
        ThrottlingBurstLimit: limits.burstLimit,
        DetailedMetricsEnabled: true,
      },
    ]),
  );
  // CloudFormation refuses route settings for a route that does not exist yet ("Unable to find Route").
  for (const [key] of throttles) httpStage.node.addDependency(...(routes.get(key) ?? []));
}
