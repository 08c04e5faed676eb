import { Duration, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import { resourceName, type StageConfig } from '../stage-config.ts';

/**
 * Who issues the mediators' tokens, as the HTTP API's JWT authorizer needs it: the issuer (`iss`) and the
 * accepted audiences (`aud`/`client_id`). With Cognito, the pool and its app client are here too.
 */
export interface SignIn {
  readonly issuer: string;
  readonly audience: readonly string[];
  readonly userPool?: cognito.IUserPool;
  readonly userPoolClient?: cognito.IUserPoolClient;
  /**
   * Cognito only: the dashboard's public app client (authorization code with PKCE, no secret) and the
   * pool's domain whose /oauth2 endpoints the page signs in at.
   */
  readonly dashboardClient?: cognito.IUserPoolClient;
  readonly domain?: cognito.UserPoolDomain;
}

/**
 * Where the dashboard may be sent back after signing in: its own domain, and the origins the stage lets
 * call the API (the page is served from one of them: dashboard-stack.ts asks for it to be there).
 */
export function dashboardCallbackUrls(stage: StageConfig): string[] {
  const origins = [
    ...(stage.dashboard ? [`https://${stage.dashboard.domainName}`] : []),
    ...(stage.cors?.allowedOrigins ?? []),
  ];
  return [...new Set(origins.map((o) => `${o.replace(/\/$/, '')}/`))];
}

/**
 * The stage's sign-in: a Cognito user pool created in `scope` (at the stack's top level, so the pool keeps
 * its logical id — replacing it would lose every account), or the OIDC issuer the stage names.
 */
export function signInFor(scope: Construct, stage: StageConfig, removalPolicy: RemovalPolicy): SignIn {
  if (stage.signIn.provider === 'oidc') {
    return { issuer: stage.signIn.issuer, audience: [...stage.signIn.audience] };
  }
  const userPool = new cognito.UserPool(scope, 'Mediators', {
    userPoolName: resourceName(stage, 'mediators'),
    // Accounts are created by an administrator who sets role and post; nobody signs themselves up.
    selfSignUpEnabled: false,
    signInAliases: { username: true, email: true },
    autoVerify: { email: true },
    standardAttributes: { email: { required: true, mutable: true } },
    customAttributes: {
      role: new cognito.StringAttribute({ minLen: 4, maxLen: 16, mutable: true }),
      // Long enough for any post id the domain accepts (domain/shared/validation.ts POST_ID: up to 77 characters).
      postId: new cognito.StringAttribute({ minLen: 1, maxLen: 80, mutable: true }),
    },
    passwordPolicy: {
      minLength: 14,
      requireLowercase: true,
      requireUppercase: true,
      requireDigits: true,
      requireSymbols: true,
      tempPasswordValidity: Duration.days(3),
    },
    mfa: cognito.Mfa.REQUIRED,
    mfaSecondFactor: { otp: true, sms: false },
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
    featurePlan: cognito.FeaturePlan.PLUS,
    standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
    deletionProtection: stage.production,
    removalPolicy,
  });
  const userPoolClient = userPool.addClient('MediatorApp', {
    userPoolClientName: resourceName(stage, 'mediator-app'),
    generateSecret: false,
    authFlows: { userSrp: true },
    disableOAuth: true,
    preventUserExistenceErrors: true,
    enableTokenRevocation: true,
    idTokenValidity: Duration.hours(1),
    accessTokenValidity: Duration.hours(1),
    refreshTokenValidity: Duration.hours(12),
    readAttributes: new cognito.ClientAttributes()
      .withStandardAttributes({ email: true, emailVerified: true })
      .withCustomAttributes('role', 'postId'),
    // Users may not change their own role or post: only an administrator (AdminUpdateUserAttributes).
    writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true }),
  });
  // The dashboard signs in in the browser: a public client (no secret: a page cannot keep one) allowed
  // only the authorization-code grant, which Cognito's /oauth2 endpoints take with PKCE (web/src/auth.ts
  // sends S256); sent back only to the dashboard's own origins; no implicit grant, no password flows.
  const domain = userPool.addDomain('SignInDomain', {
    cognitoDomain: { domainPrefix: resourceName(stage, 'signin') },
  });
  const callbackUrls = dashboardCallbackUrls(stage);
  const dashboardClient = userPool.addClient('DashboardApp', {
    userPoolClientName: resourceName(stage, 'dashboard'),
    generateSecret: false,
    authFlows: {},
    oAuth: {
      flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
      scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
      callbackUrls,
      logoutUrls: callbackUrls,
    },
    supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
    preventUserExistenceErrors: true,
    enableTokenRevocation: true,
    idTokenValidity: Duration.hours(1),
    accessTokenValidity: Duration.hours(1),
    refreshTokenValidity: Duration.hours(8),
    readAttributes: new cognito.ClientAttributes()
      .withStandardAttributes({ email: true, emailVerified: true })
      .withCustomAttributes('role', 'postId'),
    writeAttributes: new cognito.ClientAttributes(),
  });
  return {
    // Cognito exists only in the aws partition, whose domain this is.
    issuer: `https://cognito-idp.${Stack.of(userPool).region}.amazonaws.com/${userPool.userPoolId}`,
    audience: [userPoolClient.userPoolClientId, dashboardClient.userPoolClientId],
    userPool,
    userPoolClient,
    dashboardClient,
    domain,
  };
}
