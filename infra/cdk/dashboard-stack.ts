import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { DashboardSite } from './constructs/dashboard-site.ts';
import type { StageConfig } from './stage-config.ts';
import type { CoreResources } from './stateful-stack.ts';
import type { StatelessStack } from './stateless-stack.ts';

export interface DashboardStackProps extends StackProps {
  readonly stage: StageConfig;
  readonly core: CoreResources;
  readonly api: StatelessStack;
  /** @default web/dist in the repository (see DashboardSite) */
  readonly sourceDirectory?: string;
}

/**
 * The supervisors' dashboard, a stack of its own after the stateless one: its Content-Security-Policy names
 * the API's origin, and the page's files can be redeployed without touching the functions. Its bucket holds
 * only the built page, so the stack can be destroyed and redeployed at will.
 */
export class DashboardStack extends Stack {
  readonly site: DashboardSite;

  constructor(scope: Construct, id: string, props: DashboardStackProps) {
    super(scope, id, props);
    const { stage, core } = props;
    // Through the API's CloudFront front (per-caller limits) when the stage has one.
    const apiUrl = props.api.api.url;
    this.site = new DashboardSite(this, 'Dashboard', {
      stage,
      apiOrigin: apiUrl,
      // Cognito: its regional endpoint (discovery) and the pool's domain (the code exchange).
      signInOrigin: [signInOrigin(stage), ...(core.signIn.domain ? [core.signIn.domain.baseUrl()] : [])].join(
        ' ',
      ),
      config: {
        stage: stage.name,
        apiUrl,
        signIn: {
          provider: stage.signIn.provider,
          issuer: core.signIn.issuer,
          // The dashboard's own public client (PKCE), not the mediators' app's.
          clientId: core.signIn.dashboardClient?.userPoolClientId ?? core.signIn.audience[0] ?? '',
        },
      },
      ...(props.sourceDirectory ? { sourceDirectory: props.sourceDirectory } : {}),
    });
    new CfnOutput(this, 'DashboardUrl', {
      value: this.site.url,
      description: "The supervisors' dashboard; its origin must be in the stage's cors.allowedOrigins",
    });
  }
}

/** Where the page signs in: Cognito's regional endpoint (SRP and tokens), or the OIDC issuer's host. */
export function signInOrigin(stage: StageConfig): string {
  if (stage.signIn.provider === 'oidc') return new URL(stage.signIn.issuer).origin;
  return `https://cognito-idp.${stage.region}.amazonaws.com`;
}
