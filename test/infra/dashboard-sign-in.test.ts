import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardCallbackUrls } from '../../infra/cdk/constructs/sign-in.ts';
import { resolveStage } from '../../infra/cdk/stage-config.ts';
import { logicalId, resourcesOf, type Synthesized, synth } from './support/synth.ts';

/**
 * The dashboard signs in with the authorization code and PKCE (web/src/auth.ts sends S256): a public
 * Cognito app client of its own — code grant only, no secret, sent back only to the dashboard's origins —
 * and the pool's domain for the /oauth2 endpoints; the API accepts its tokens; the page's CSP lets it
 * exchange the code there.
 */
describe('the dashboard’s sign-in (Cognito, dev)', () => {
  let s: Synthesized;
  let clients: ReturnType<typeof resourcesOf>;
  beforeAll(() => {
    s = synth('dev');
    clients = resourcesOf(s.statefulTemplate, 'AWS::Cognito::UserPoolClient');
  });
  afterAll(() => s?.cleanup());

  const dashboard = () => {
    const id = logicalId(s.stateful.signIn.dashboardClient as never);
    const client = clients[id]?.Properties;
    if (!client) throw new Error('no dashboard client');
    return client;
  };

  it('is a public client allowed only the authorization-code grant, back to the dashboard’s origins', () => {
    expect(dashboard()).toMatchObject({
      ClientName: 'ldm-dev-dashboard',
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: expect.arrayContaining(['openid']),
      SupportedIdentityProviders: ['COGNITO'],
      CallbackURLs: dashboardCallbackUrls(resolveStage('dev')),
      LogoutURLs: dashboardCallbackUrls(resolveStage('dev')),
      PreventUserExistenceErrors: 'ENABLED',
    });
    expect(dashboard().CallbackURLs).toContain('https://dev.mediation.example.org/');
    // No password or SRP flows: the page never sees a password.
    for (const flow of dashboard().ExplicitAuthFlows ?? []) expect(flow).toBe('ALLOW_REFRESH_TOKEN_AUTH');
    expect(dashboard().AllowedOAuthFlows).not.toContain('implicit');
  });

  it('leaves the mediators’ app client without OAuth, as before', () => {
    const mediators = clients[logicalId(s.stateful.signIn.userPoolClient as never)]?.Properties;
    expect(mediators?.AllowedOAuthFlowsUserPoolClient).not.toBe(true);
    expect(Object.keys(clients)).toHaveLength(2);
  });

  it('has the pool’s domain for the /oauth2 endpoints, and the API accepts the dashboard’s tokens', () => {
    const domains = Object.values(resourcesOf(s.statefulTemplate, 'AWS::Cognito::UserPoolDomain'));
    expect(domains).toHaveLength(1);
    expect(domains[0]?.Properties).toMatchObject({ Domain: 'ldm-dev-signin' });
    expect(s.stateful.signIn.audience).toHaveLength(2);
    const authorizers = Object.values(resourcesOf(s.statelessTemplate, 'AWS::ApiGatewayV2::Authorizer'));
    expect(JSON.stringify(authorizers[0]?.Properties.JwtConfiguration.Audience)).toContain(
      logicalId(s.stateful.signIn.dashboardClient as never),
    );
  });

  it('lets the page’s CSP connect to the pool’s domain for the code exchange', () => {
    if (!s.dashboard) throw new Error('dev has no dashboard stack');
    const t = Template.fromStack(s.dashboard);
    const policy = Object.values(resourcesOf(t, 'AWS::CloudFront::ResponseHeadersPolicy'))[0]?.Properties;
    const csp = JSON.stringify(
      policy.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy,
    );
    expect(csp).toContain('https://cognito-idp.ap-southeast-1.amazonaws.com');
    expect(csp).toMatch(/SignInDomain|auth\.ap-southeast-1\.amazoncognito\.com/);
  });

  it('sends a stage’s own dashboard domain back, with the origins it lets call the API', () => {
    expect(dashboardCallbackUrls(resolveStage('prod'))).toEqual(['https://mediation.example.org/']);
  });
});
