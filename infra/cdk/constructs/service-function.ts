import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { METRICS_NAMESPACE, SERVICE_NAME } from '../../../functions/shared/constants.ts';
import { PROJECT_ROOT } from '../paths.ts';

/**
 * Lets CommonJS dependencies bundled into the ES module still `require` Node built-ins. The alias keeps the
 * name from clashing with anything esbuild emits.
 */
const ESM_REQUIRE_BANNER =
  "import { createRequire as __ldmCreateRequire } from 'node:module'; const require = __ldmCreateRequire(import.meta.url);";

export interface ServiceFunctionProps {
  /** The handler module, relative to the repository root, e.g. `functions/http/handlers/get-case.ts`. */
  readonly entry: string;
  /** The deployed function name, e.g. `ldm-dev-http-get-case`; at most 64 characters. */
  readonly functionName: string;
  readonly description?: string;
  /** Encrypts the function's log group; its key policy must admit CloudWatch Logs. */
  readonly logKey: kms.IKey;
  /** Must be one of the values CloudWatch Logs accepts (the stage config validates it). */
  readonly logRetention: logs.RetentionDays;
  /**
   * RETAIN keeps the log group when the function goes away.
   * @default RemovalPolicy.RETAIN
   */
  readonly logRemovalPolicy?: RemovalPolicy;
  /**
   * Memory, which also buys CPU: a 1 GB function starts the bundled SDK noticeably faster.
   * @default 1024
   */
  readonly memorySize?: number;
  /**
   * Below API Gateway's 30 s integration limit for HTTP handlers.
   * @default Duration.seconds(10)
   */
  readonly timeout?: Duration;
  /**
   * `POWERTOOLS_LOG_LEVEL`.
   * @default 'INFO'
   */
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /**
   * Extra environment; the bind helper (`CoreGrants`) adds resource names as it grants access.
   * @default - only the Powertools and Node settings
   */
  readonly environment?: Readonly<Record<string, string>>;
  /**
   * Caps the function's concurrency so one route cannot starve the others.
   * @default - no reservation (account concurrency)
   */
  readonly reservedConcurrentExecutions?: number;
}

/**
 * Every Lambda function of the system, with the defaults in one place: Node 24 on arm64; an ES module
 * bundled and minified by the local esbuild with every dependency inside (the AWS SDK too — a fixed,
 * tree-shaken SDK starts faster than the runtime's); external source maps without `sourcesContent`
 * (with --enable-source-maps, stack traces name the .ts files and lines without the sources shipped); X-Ray tracing; an explicit
 * KMS-encrypted log group with retention; a role of its own that can write only to that log group, to
 * which `CoreGrants` adds exactly what the handler touches; each deployment publishes a version behind `live`.
 */
export class ServiceFunction extends nodejs.NodejsFunction {
  /**
   * The `live` alias on the version this deployment publishes: what the API, the event source mappings and
   * the schedules invoke, so that CodeDeploy can shift traffic to a new version by degrees and back (the
   * stateless stack adds the deployment group in production; elsewhere the alias moves at once).
   */
  readonly live: lambda.Alias;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    validate(props);
    const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
      logGroupName: `/aws/lambda/${props.functionName}`,
      retention: props.logRetention,
      encryptionKey: props.logKey,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.RETAIN,
    });
    const role = new iam.Role(scope, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${props.functionName}`,
    });
    super(scope, id, {
      entry: join(PROJECT_ROOT, props.entry),
      handler: 'handler',
      functionName: props.functionName,
      description: props.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: lambda.Tracing.ACTIVE,
      logGroup,
      role,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      awsSdkConnectionReuse: false,
      environment: {
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        POWERTOOLS_LOG_LEVEL: props.logLevel ?? 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: {
        format: nodejs.OutputFormat.ESM,
        target: 'node24',
        minify: true,
        // The message catalogue's Chinese as UTF-8 (3 bytes a character), not \uXXXX escapes (6 bytes).
        charset: nodejs.Charset.UTF8,
        sourceMap: true,
        // index.mjs.map beside the bundle, and a sourceMappingURL comment Node follows.
        sourceMapMode: nodejs.SourceMapMode.DEFAULT,
        sourcesContent: false,
        // Prefer the ES module builds (the SDK's dist-es) so esbuild can tree-shake them.
        mainFields: ['module', 'main'],
        externalModules: [],
        banner: ESM_REQUIRE_BANNER,
        forceDockerBundling: false,
      },
    });
    logGroup.grantWrite(role);
    // In the function's scope (not under it), so its id — and the API integration named after it — is unique.
    this.live = new lambda.Alias(scope, `${id}Live`, {
      aliasName: 'live',
      version: this.currentVersion,
      description: `The version of ${props.functionName} in service`,
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Resource "*" only for actions that support no resource-level permissions: X-Ray PutTraceSegments and PutTelemetryRecords (active tracing, every function) and dynamodb:ListStreams (the stream relay\'s event source mapping); no data action has a wildcard.',
    });
  }
}

function validate(props: ServiceFunctionProps): void {
  const problems: string[] = [];
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(props.functionName)) {
    problems.push('functionName: 1–64 letters, digits, hyphens or underscores');
  }
  if (!/^functions\/.+\.ts$/.test(props.entry)) {
    problems.push('entry: a .ts module under functions/, relative to the repository root');
  } else if (!existsSync(join(PROJECT_ROOT, props.entry))) {
    problems.push(`entry: ${props.entry} does not exist`);
  }
  const memory = props.memorySize ?? 1024;
  if (!Number.isInteger(memory) || memory < 128 || memory > 10_240) {
    problems.push('memorySize: a whole number of MB from 128 to 10240');
  }
  const timeout = props.timeout?.toSeconds() ?? 10;
  if (timeout < 1 || timeout > 900) problems.push('timeout: from 1 s to 15 min');
  if (props.reservedConcurrentExecutions !== undefined && props.reservedConcurrentExecutions < 1) {
    problems.push('reservedConcurrentExecutions: at least 1 when set');
  }
  if (problems.length > 0) {
    throw new Error(`ServiceFunction ${props.functionName}: ${problems.join('; ')}`);
  }
}
