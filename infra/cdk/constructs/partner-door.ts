import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { resourceName, type StageConfig } from '../stage-config.ts';
import type { PartnerDoor as PartnerDoorConfig } from '../stage-partners.ts';

export interface PartnerDoorProps {
  readonly stage: StageConfig;
  readonly door: PartnerDoorConfig;
}

/**
 * The partners' front door: an HTTP API of their own, reachable only through a custom domain with mutual
 * TLS. Its execute-api endpoint is disabled, so the domain is the only way in, and the domain asks every
 * caller for a client certificate issued by a CA in the truststore (one PEM in a versioned bucket of this
 * construct): junk without one ends in the TLS handshake, before API Gateway counts a request against the
 * callback buckets. The routes (the callback route and each partner's literal copy) are added by the
 * mediator API construct, with the same function and per-partner limits; the Standard Webhooks signature
 * is still checked on every callback (the certificate says "a partner", the signature which one).
 */
export class PartnerDoor extends Construct {
  readonly httpApi: apigwv2.HttpApi;
  readonly truststore: s3.Bucket;
  readonly domainName: apigwv2.DomainName;

  constructor(scope: Construct, id: string, props: PartnerDoorProps) {
    super(scope, id);
    const { stage, door } = props;
    this.truststore = new s3.Bucket(this, 'Truststore', {
      versioned: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      removalPolicy: stage.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    Validations.of(this.truststore).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'The truststore holds public CA certificates only, written by an operator; object versions and CloudTrail record every change.',
    });
    this.domainName = new apigwv2.DomainName(this, 'Domain', {
      domainName: door.domainName,
      certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', door.certificateArn),
      securityPolicy: apigwv2.SecurityPolicy.TLS_1_2,
      mtls: { bucket: this.truststore, key: door.truststoreKey },
    });
    this.httpApi = new apigwv2.HttpApi(this, 'HttpApi', {
      apiName: resourceName(stage, 'partner-api'),
      description: 'Labour-dispute mediation: partner callbacks, behind mutual TLS',
      createDefaultStage: false,
      disableExecuteApiEndpoint: true,
    });
  }

  /** The `$default` stage, with the callback limits, mapped to the mutual-TLS domain. */
  addStage(
    accessLogSettings: apigwv2.IAccessLogSettings,
    defaults: { rateLimit: number; burstLimit: number },
  ): apigwv2.HttpStage {
    return new apigwv2.HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      detailedMetricsEnabled: true,
      throttle: defaults,
      accessLogSettings,
      domainMapping: { domainName: this.domainName },
    });
  }
}
