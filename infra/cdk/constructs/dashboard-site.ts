import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Annotations, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as deploy from 'aws-cdk-lib/aws-s3-deployment';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { Construct } from 'constructs';
import { PROJECT_ROOT } from '../paths.ts';
import { resourceName, type StageConfig } from '../stage-config.ts';

/** What the page reads at `/config.json` to find the API and its sign-in; no secret is in it. */
export interface DashboardConfig {
  readonly stage: string;
  /** The API's base URL, e.g. `https://abc123.execute-api.ap-southeast-1.amazonaws.com`. */
  readonly apiUrl: string;
  readonly signIn: {
    readonly provider: 'cognito' | 'oidc';
    readonly issuer: string;
    /** The app client id (Cognito) or the accepted audiences (OIDC): the `client_id` the page signs in as. */
    readonly clientId: string;
  };
}

export interface DashboardSiteProps {
  readonly stage: StageConfig;
  /** The API's origin (scheme and host, no path): the only host besides the page's own it may call. */
  readonly apiOrigin: string;
  /** The sign-in's origin (Cognito's regional endpoint, or the OIDC issuer's host): the page exchanges codes there. */
  readonly signInOrigin: string;
  readonly config: DashboardConfig;
  /**
   * The built page (`npm run web:build`). When the folder has no `index.html` (a clean clone), a
   * placeholder page saying so is deployed instead, so synth and the template tests never need a build.
   * @default web/dist in the repository
   */
  readonly sourceDirectory?: string;
}

/** The page's Content-Security-Policy: its own files, the API and the sign-in; nothing else loads or connects. */
export function contentSecurityPolicy(apiOrigin: string, signInOrigin: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    // ECharts exports charts as data: and blob: images; the CSV download is a blob: link.
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ${apiOrigin} ${signInOrigin}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    'upgrade-insecure-requests',
  ].join('; ');
}

/** Shown when the stack was synthesised without `web/dist`: deploying it tells the operator, not the public. */
const PLACEHOLDER = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Dashboard not built</title>
<p>The dashboard was deployed without its build. Run <code>npm run web:build</code>, then deploy again.</p></html>`;

/**
 * The supervisors' dashboard: a private S3 bucket (no public access, TLS only, encrypted, access-logged)
 * read by CloudFront through Origin Access Control alone, with strict security headers, and the built page
 * deployed into it with its `/config.json`. In the China regions it needs `stage.dashboard` (an
 * ICP-recorded domain and an IAM certificate): CloudFront there serves nothing on its default name.
 */
export class DashboardSite extends Construct {
  readonly bucket: s3.Bucket;
  readonly logBucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly headers: cloudfront.ResponseHeadersPolicy;
  /** `https://<domain>` the page is served from. */
  readonly url: string;
  /** Whether `web/dist` was found; false means the placeholder page was deployed. */
  readonly built: boolean;

  constructor(scope: Construct, id: string, props: DashboardSiteProps) {
    super(scope, id);
    const { stage } = props;
    const china = stage.partition === 'aws-cn';
    const domain = stage.dashboard;
    if (china && !domain) {
      throw new Error(
        `stage ${stage.name}: CloudFront in the China regions needs dashboard.domainName (ICP)`,
      );
    }
    // The page is rebuilt from the repository on every deploy; nothing in these buckets is a record.
    const removalPolicy = RemovalPolicy.DESTROY;
    const secure = {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      encryption: s3.BucketEncryption.S3_MANAGED,
      removalPolicy,
      autoDeleteObjects: false,
    } as const;

    // CloudFront standard logs are written with an ACL, so this bucket keeps object ownership by writer.
    // cdk-nag counts a bucket that receives access logs as logged (AwsSolutions-S1 does not flag it).
    this.logBucket = new s3.Bucket(this, 'Logs', {
      ...secure,
      objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(stage.logRetentionDays) }],
    });
    this.bucket = new s3.Bucket(this, 'Files', {
      ...secure,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 'bucket/',
    });

    this.headers = new cloudfront.ResponseHeadersPolicy(this, 'Headers', {
      responseHeadersPolicyName: resourceName(stage, 'dashboard-headers'),
      comment: 'Strict CSP, HSTS, nosniff, no framing, no referrer',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: contentSecurityPolicy(props.apiOrigin, props.signInOrigin),
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `ldm ${stage.name} supervisors' dashboard`,
      defaultRootObject: 'index.html',
      defaultBehavior: {
        // Origin Access Control where CloudFormation has it; the China regions have only the older identity.
        origin: china
          ? origins.S3BucketOrigin.withOriginAccessIdentity(this.bucket)
          : origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.headers,
      },
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
      ...(domain && !china
        ? {
            domainNames: [domain.domainName],
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
            certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', domain.certificate),
          }
        : {}),
    });
    if (domain && china) {
      // The L2 construct only takes ACM certificates, which CloudFront China does not: the IAM one by id.
      const cfn = this.distribution.node.defaultChild as cloudfront.CfnDistribution;
      cfn.addPropertyOverride('DistributionConfig.Aliases', [domain.domainName]);
      cfn.addPropertyOverride('DistributionConfig.ViewerCertificate', {
        IamCertificateId: domain.certificate,
        SslSupportMethod: 'sni-only',
        MinimumProtocolVersion: 'TLSv1.2_2021',
      });
    }
    this.url = `https://${domain?.domainName ?? this.distribution.distributionDomainName}`;
    this.#acknowledgeEdgeFindings(domain !== undefined, china);

    const source = props.sourceDirectory ?? join(PROJECT_ROOT, 'web', 'dist');
    this.built = existsSync(join(source, 'index.html'));
    if (!this.built) {
      Annotations.of(this).addWarningV2(
        'ldm:dashboard-not-built',
        `${source} has no index.html: a placeholder page is deployed (run npm run web:build first)`,
      );
    }
    new deploy.BucketDeployment(this, 'Deploy', {
      destinationBucket: this.bucket,
      sources: [
        this.built ? deploy.Source.asset(source) : deploy.Source.data('index.html', PLACEHOLDER),
        deploy.Source.jsonData('config.json', props.config),
      ],
      distribution: this.distribution,
      distributionPaths: ['/index.html', '/config.json'],
      // Hashed asset names of an older build stay a while for pages still open; index.html moves on.
      prune: false,
      memoryLimit: 256,
    });
    this.#acknowledgeDeploymentFunction();
  }

  #acknowledgeEdgeFindings(ownDomain: boolean, china: boolean): void {
    const acknowledge = Validations.of(this.distribution);
    acknowledge.acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'The dashboard is for the federation supervisors wherever they travel; access is by sign-in at the API, and the page itself holds no data, so no geo restriction.',
    });
    acknowledge.acknowledge({
      id: 'AwsSolutions-CFR2',
      reason:
        'The distribution serves static files only (GET and HEAD, cached); the data is behind the API with its own throttles and JWT authorizer, so a WAF here would protect no data.',
    });
    if (!ownDomain) {
      acknowledge.acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without stage.dashboard the page is served on the default cloudfront.net certificate, whose minimum TLS version CloudFront fixes; with a domain of its own the minimum is TLSv1.2_2021.',
      });
    }
    if (china) {
      acknowledge.acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'The IAM certificate (sni-only, TLSv1.2_2021) is set by a property override cdk-nag does not read: the L2 takes only ACM certificates; test/infra/dashboard-site.test.ts asserts it in the template.',
      });
      acknowledge.acknowledge({
        id: 'AwsSolutions-CFR7',
        reason:
          'CloudFormation has no Origin Access Control in the China regions (CDK refuses the resource type there): the origin access identity is the only private S3 origin it offers.',
      });
    }
  }

  /**
   * The BucketDeployment's copy function is CDK's own singleton (one per stack and memory size); its role
   * is CDK's choice, acknowledged finding by finding so that any further finding still fails synth.
   */
  #acknowledgeDeploymentFunction(): void {
    const stack = Stack.of(this);
    const copier = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (!copier) return;
    const acknowledge = Validations.of(copier);
    acknowledge.acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        "CDK BucketDeployment's copy function writes its own logs through AWSLambdaBasicExecutionRole; it runs only during a deploy and never touches case data.",
    });
    acknowledge.acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        "The runtime of CDK BucketDeployment's copy function is pinned by aws-cdk-lib and moves with its upgrades; it runs only during a deploy.",
    });
    const files = `<${stack.getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket)}.Arn>/*`;
    const account = stack.account.startsWith('${Token') ? '<AWS::AccountId>' : stack.account;
    const partition = RegionInfo.get(stack.region).partition ?? 'aws';
    const assets = `arn:${partition}:s3:::cdk-hnb659fds-assets-${account}-${stack.region}/*`;
    const wildcards = {
      'Action::s3:GetBucket*': 'reads the bootstrap asset bucket it copies the page from',
      'Action::s3:GetObject*': 'reads the zipped page from the bootstrap asset bucket',
      'Action::s3:List*': 'lists the dashboard bucket to compare it with the new build',
      'Action::s3:Abort*': 'aborts its own failed multipart uploads into the dashboard bucket',
      'Action::s3:DeleteObject*': 'replaces files of the dashboard bucket (object actions only)',
      [`Resource::${files}`]: 'the objects of the dashboard bucket, which holds only the built page',
      [`Resource::${assets}`]: "the CDK bootstrap asset bucket's objects, where the zipped page waits",
      'Resource::*': 'cloudfront:CreateInvalidation, which takes no resource-level permission here',
    };
    for (const [finding, why] of Object.entries(wildcards)) {
      acknowledge.acknowledge({
        id: `AwsSolutions-IAM5[${finding}]`,
        reason: `CDK BucketDeployment's copy function, deploy time only: ${why}.`,
      });
    }
  }
}
