import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { ORIGIN_HEADER } from '../../../functions/shared/constants.ts';
import type { StageConfig } from '../stage-config.ts';

export interface ApiFrontProps {
  readonly stage: StageConfig;
  readonly httpApi: apigwv2.IHttpApi;
  /** The web ACL (scope CLOUDFRONT, us-east-1) with the per-caller rate rules: its ARN. */
  readonly webAclArn: string;
  /** The origin header's value, generated per stage; the API's functions expect the same. */
  readonly originSecret: secretsmanager.ISecret;
}

/**
 * The mediator API's front: a CloudFront distribution with the stage's web ACL (rate rules by IP and by
 * token, answering 429 at the edge), nothing cached, every viewer header but Host passed on (API Gateway
 * routes by its own host name), and a secret origin header added on the way, which the API's functions
 * require before any work (403 without it). The execute-api URL thus answers nothing useful to a caller
 * who skips the distribution and its limits.
 */
export class ApiFront extends Construct {
  readonly distribution: cloudfront.Distribution;
  /** `https://<distribution domain>`: the API's public base URL on this stage. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: ApiFrontProps) {
    super(scope, id);
    const { stage } = props;
    const stack = Stack.of(this);
    const apiHost = `${props.httpApi.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`;
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `ldm ${stage.name} mediator API (per-caller limits)`,
      webAclId: props.webAclArn,
      // North America, Europe, Asia (Hong Kong, Singapore…): where the federation's users are, at less cost.
      priceClass: cloudfront.PriceClass.PRICE_CLASS_200,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      defaultBehavior: {
        origin: new origins.HttpOrigin(apiHost, {
          protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
          originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
          readTimeout: Duration.seconds(30),
          customHeaders: { [ORIGIN_HEADER]: props.originSecret.secretValue.unsafeUnwrap() },
        }),
        // An API: a redirect would turn a POST into a GET, so plain HTTP is refused instead.
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
        cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
        originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      },
    });
    this.url = `https://${this.distribution.distributionDomainName}`;
    this.#acknowledge();
  }

  #acknowledge(): void {
    const acknowledge = Validations.of(this.distribution);
    acknowledge.acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'Mediators and supervisors sign in from wherever they work; access is by token at the API, and the per-caller rate rules of the web ACL bound what any one address can send, so no geo restriction.',
    });
    acknowledge.acknowledge({
      id: 'AwsSolutions-CFR3',
      reason:
        "Every request the distribution forwards is in the API's JSON access log; those WAF stops are counted per rule in CloudWatch with sampled requests, and CloudFront standard logs would add viewers' IP addresses the access logs deliberately leave out.",
    });
    acknowledge.acknowledge({
      id: 'AwsSolutions-CFR4',
      reason:
        'The API is served on the default cloudfront.net certificate, whose minimum TLS version CloudFront fixes; the origin side is TLS 1.2 only (originSslProtocols).',
    });
  }
}
