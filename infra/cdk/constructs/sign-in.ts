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
  return {
    // Cognito exists only in the aws partition, whose domain this is.
    issuer: `https://cognito-idp.${Stack.of(userPool).region}.amazonaws.com/${userPool.userPoolId}`,
    audience: [userPoolClient.userPoolClientId],
    userPool,
    userPoolClient,
  };
}
