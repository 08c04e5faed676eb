import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CDK_JSON_CONTEXT } from '../../infra/cdk/cdk-json.ts';
import { DashboardSite } from '../../infra/cdk/constructs/dashboard-site.ts';
import { createStacks, type MediationStacks } from '../../infra/cdk/stacks.ts';
import { parseStageConfig, resolveStage, STAGES, type StageConfig } from '../../infra/cdk/stage-config.ts';
import { describeRef, type Json, logicalId, resourcesOf, type Synthesized, synth } from './support/synth.ts';

/** Both stacks and the dashboard of a stage configured here (a domain of its own), bundling skipped. */
function synthStage(stage: StageConfig): MediationStacks & { cleanup(): void } {
  const outdir = mkdtempSync(join(tmpdir(), 'ldm-cdk-test-'));
  const app = new App({ outdir, context: { ...CDK_JSON_CONTEXT, 'aws:cdk:bundling-stacks': [] } });
  return { ...createStacks(app, stage), cleanup: () => rmSync(outdir, { recursive: true, force: true }) };
}

const single = (template: Template, type: string): Json => {
  const all = Object.values(resourcesOf(template, type));
  expect(all, type).toHaveLength(1);
  return all[0]?.Properties;
};

describe('the dashboard site (dev: the distribution’s own name)', () => {
  let s: Synthesized;
  let t: Template;
  beforeAll(() => {
    s = synth('dev');
    if (!s.dashboard) throw new Error('dev has no dashboard stack');
    t = Template.fromStack(s.dashboard);
  });
  afterAll(() => s?.cleanup());

  it('keeps the files in a private, encrypted, TLS-only, access-logged bucket', () => {
    const site = s.dashboard?.site;
    if (!site) throw new Error('no site');
    const bucket = resourcesOf(t, 'AWS::S3::Bucket')[logicalId(site.bucket)]?.Properties;
    expect(bucket).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      LoggingConfiguration: { DestinationBucketName: { Ref: logicalId(site.logBucket) } },
    });
    t.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logicalId(site.bucket) },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          // Only this distribution reads, through Origin Access Control (no public grant, no OAI).
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
            Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
    t.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 0);
  });

  it('serves index.html over HTTPS through Origin Access Control, logging every request', () => {
    const oac = single(t, 'AWS::CloudFront::OriginAccessControl');
    expect(oac.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
    const config = single(t, 'AWS::CloudFront::Distribution').DistributionConfig;
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.DefaultCacheBehavior).toMatchObject({
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: ['GET', 'HEAD'],
    });
    expect(config.Origins[0].OriginAccessControlId).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^DashboardDistributionOrigin1S3OriginAccessControl/), 'Id'],
    });
    expect(config.Logging.Bucket).toEqual({
      'Fn::GetAtt': [logicalId(s.dashboard?.site.logBucket as never), 'RegionalDomainName'],
    });
    expect(config.Aliases).toBeUndefined();
  });

  it('sends a strict CSP naming only the API and the sign-in, HSTS, nosniff and no framing', () => {
    const headers = single(t, 'AWS::CloudFront::ResponseHeadersPolicy').ResponseHeadersPolicyConfig;
    const security = headers.SecurityHeadersConfig;
    // Outputs of both stacks: the API's endpoint comes from the stateless one, the pool's domain the stateful.
    const outputs = (t: Template) => (t.toJSON().Outputs ?? {}) as Record<string, unknown>;
    const both = {
      toJSON: () => ({ Outputs: { ...outputs(s.statelessTemplate), ...outputs(s.statefulTemplate) } }),
    } as unknown as Template;
    const csp = describeRef(security.ContentSecurityPolicy.ContentSecurityPolicy, both);
    // The API through its CloudFront front (per-caller limits), never the execute-api endpoint.
    const api = logicalId(s.stateless.api.front?.distribution as never);
    const connect = /connect-src ([^;]*);/.exec(csp)?.[1];
    // The API, Cognito's regional endpoint (discovery) and the pool's domain (the PKCE code exchange).
    const domain = logicalId(s.stateful.signIn.domain as never);
    expect(connect).toMatch(
      new RegExp(
        `^'self' https://${api}\\.DomainName https://cognito-idp\\.ap-southeast-1\\.amazonaws\\.com https://${domain}`,
      ),
    );
    expect(csp).toMatch(/^default-src 'self'; /);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/\*|unsafe/);
    expect(security).toMatchObject({
      ContentSecurityPolicy: { Override: true },
      StrictTransportSecurity: {
        AccessControlMaxAgeSec: 730 * 86_400,
        IncludeSubdomains: true,
        Override: true,
      },
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
    });
  });

  it('deploys the page and its config.json, and invalidates them at the edge', () => {
    const [deployment] = Object.values(resourcesOf(t, 'Custom::CDKBucketDeployment'));
    expect(deployment?.Properties).toMatchObject({
      DestinationBucketName: { Ref: logicalId(s.dashboard?.site.bucket as never) },
      DistributionPaths: ['/index.html', '/config.json'],
      Prune: false,
    });
    // Two sources: the page (or its placeholder) and config.json with the API URL and the sign-in.
    expect(deployment?.Properties.SourceObjectKeys).toHaveLength(2);
    const markers = JSON.stringify(deployment?.Properties.SourceMarkers);
    expect(markers).toContain('MediatorApiFrontDistribution');
    expect(markers).toContain('Mediators');
  });

  it('leaves no unacknowledged cdk-nag finding', () => {
    const stack = s.dashboard as Stack;
    const report = new AwsSolutionsChecks().validateScope(stack);
    expect(report.violations.map((v) => v.ruleName)).toEqual([]);
    expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
  });
});

describe('the dashboard site on a domain of its own', () => {
  const cnDomain = 'stats.mediation.example.cn';
  const withDomain = (name: 'cn' | 'prod', domainName: string, certificate: string) =>
    parseStageConfig({
      ...STAGES[name],
      cors: { allowedOrigins: [...STAGES[name].cors.allowedOrigins, `https://${domainName}`] },
      dashboard: { domainName, certificate },
    });

  it('is absent in the China regions until an ICP-recorded domain is configured', () => {
    const s = synth('cn');
    try {
      expect(s.dashboard).toBeUndefined();
      expect(resolveStage('cn').partition).toBe('aws-cn');
    } finally {
      s.cleanup();
    }
  });

  it('uses the ICP domain with its IAM certificate in the China regions, and the OIDC issuer in its CSP', () => {
    const s = synthStage(withDomain('cn', cnDomain, 'ASCAEXAMPLE1234567890'));
    try {
      if (!s.dashboard) throw new Error('no dashboard stack');
      const t = Template.fromStack(s.dashboard);
      const config = single(t, 'AWS::CloudFront::Distribution').DistributionConfig;
      expect(config.Aliases).toEqual([cnDomain]);
      expect(config.ViewerCertificate).toEqual({
        IamCertificateId: 'ASCAEXAMPLE1234567890',
        SslSupportMethod: 'sni-only',
        MinimumProtocolVersion: 'TLSv1.2_2021',
      });
      const csp = JSON.stringify(single(t, 'AWS::CloudFront::ResponseHeadersPolicy'));
      expect(csp).toContain('https://id.federation.example.cn');
      // No Origin Access Control in CloudFormation there: the private bucket is read by an access identity.
      t.resourceCountIs('AWS::CloudFront::OriginAccessControl', 0);
      t.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 1);
      expect(new AwsSolutionsChecks().validateScope(s.dashboard).violations).toEqual([]);
      expect(s.dashboard.site.url).toBe(`https://${cnDomain}`);
    } finally {
      s.cleanup();
    }
  });

  it('uses an ACM certificate and TLS 1.2 in the aws partition, with nothing left to acknowledge for TLS', () => {
    const arn = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-0a1b-0a1b-0a1b-0a1b2c3d4e5f';
    const s = synthStage(withDomain('prod', 'stats.mediation.example.org', arn));
    try {
      if (!s.dashboard) throw new Error('no dashboard stack');
      const config = single(
        Template.fromStack(s.dashboard),
        'AWS::CloudFront::Distribution',
      ).DistributionConfig;
      expect(config.Aliases).toEqual(['stats.mediation.example.org']);
      expect(config.ViewerCertificate).toMatchObject({
        AcmCertificateArn: arn,
        MinimumProtocolVersion: 'TLSv1.2_2021',
      });
      expect(new AwsSolutionsChecks().validateScope(s.dashboard).violations).toEqual([]);
    } finally {
      s.cleanup();
    }
  });

  it('refuses a certificate of the wrong kind for the partition, or a domain CORS does not allow', () => {
    const arn = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-0a1b-0a1b-0a1b-0a1b2c3d4e5f';
    expect(() => withDomain('cn', cnDomain, arn)).toThrow(/dashboard\.certificate: must be an IAM server/);
    expect(() => withDomain('prod', 'stats.example.org', 'ASCAEXAMPLE1234567890')).toThrow(
      /dashboard\.certificate: must be an ACM ARN/,
    );
    expect(() =>
      parseStageConfig({ ...STAGES.prod, dashboard: { domainName: 'stats.example.org', certificate: arn } }),
    ).toThrow(/dashboard\.domainName: https:\/\/stats\.example\.org must be in cors\.allowedOrigins/);
  });
});

describe('the dashboard construct without a build (a clean clone)', () => {
  const site = (sourceDirectory: string) => {
    const stack = new Stack(new App(), 'Site', { env: { region: 'ap-southeast-1' } });
    const built = new DashboardSite(stack, 'Dashboard', {
      stage: resolveStage('dev'),
      apiOrigin: 'https://api.example.org',
      signInOrigin: 'https://id.example.org',
      config: {
        stage: 'dev',
        apiUrl: 'https://api.example.org',
        signIn: { provider: 'oidc', issuer: 'https://id.example.org', clientId: 'dashboard' },
      },
      sourceDirectory,
    });
    return { stack, built };
  };

  it('deploys a placeholder page and warns when web/dist has not been built', () => {
    const { stack, built } = site(join(tmpdir(), 'ldm-no-such-build'));
    expect(built.built).toBe(false);
    Annotations.fromStack(stack).hasWarning('/Site/Dashboard', Match.stringLikeRegexp('npm run web:build'));
    expect(resourcesOf(Template.fromStack(stack), 'Custom::CDKBucketDeployment')).not.toEqual({});
  });

  it('deploys the built page when web/dist has an index.html, without the warning', () => {
    const dist = mkdtempSync(join(tmpdir(), 'ldm-web-dist-'));
    try {
      mkdirSync(join(dist, 'assets'));
      writeFileSync(join(dist, 'index.html'), '<!doctype html><title>dashboard</title>');
      const { stack, built } = site(dist);
      expect(built.built).toBe(true);
      expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('web:build'))).toEqual([]);
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });
});
