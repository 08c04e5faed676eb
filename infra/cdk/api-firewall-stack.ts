import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { ApiFirewall } from './constructs/api-firewall.ts';
import type { StageConfig } from './stage-config.ts';
import type { ApiFront } from './stage-edge.ts';

export interface ApiFirewallStackProps extends StackProps {
  readonly stage: StageConfig;
  readonly front: ApiFront;
}

/** CloudFront takes web ACLs of scope CLOUDFRONT only, and those exist only in us-east-1. */
export const FIREWALL_REGION = 'us-east-1';

/**
 * The mediator API's web ACL, alone in us-east-1. The stateless stack reads its ARN across regions with
 * the app's weak references (`Fn::GetStackOutput`, cdk.json's defaultCrossStackReferences): CloudFormation
 * reads this stack's output at deploy time, so no SSM parameter copy and no custom-resource function is
 * needed, and nothing couples the two stacks beyond the deploy order.
 */
export class ApiFirewallStack extends Stack {
  readonly firewall: ApiFirewall;

  constructor(scope: Construct, id: string, props: ApiFirewallStackProps) {
    super(scope, id, props);
    this.firewall = new ApiFirewall(this, 'ApiFirewall', { stage: props.stage, front: props.front });
  }

  /** The web ACL's ARN, for the distribution's `webAclId`. */
  get webAclArn(): string {
    return this.firewall.webAcl.attrArn;
  }
}
