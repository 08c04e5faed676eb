import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { SEALING_CONTEXT } from '../../../functions/adapters/crypto/kms-data-keys.ts';
import type { Access } from '../../../functions/catalogue-types.ts';
import { resourceName, type StageConfig } from '../stage-config.ts';

/**
 * The keys of sealed personal data (issue 22; functions/shared/sealing.ts): a symmetric key that wraps the
 * data keys ID numbers and phones are sealed with (envelope encryption: GenerateDataKey, Decrypt), and an
 * HMAC_256 key for the keyed hash of ID numbers that finds duplicate filings (GenerateMac) — a key per
 * purpose, rotation on the symmetric one, neither ever leaving KMS. The cn stage builds the same keys.
 */
export class SealingKeys extends Construct {
  readonly fieldKey: kms.Key;
  readonly duplicateKey: kms.Key;

  constructor(
    scope: Construct,
    id: string,
    props: { readonly stage: StageConfig; readonly removalPolicy: RemovalPolicy },
  ) {
    super(scope, id);
    this.fieldKey = new kms.Key(this, 'FieldSealingKey', {
      alias: `alias/${resourceName(props.stage, 'field-sealing')}`,
      description: `ldm ${props.stage.name}: wraps the data keys of sealed ID numbers and phones`,
      enableKeyRotation: true,
      pendingWindow: Duration.days(30),
      removalPolicy: props.removalPolicy,
    });
    this.duplicateKey = new kms.Key(this, 'DuplicateHmacKey', {
      alias: `alias/${resourceName(props.stage, 'duplicate-hmac')}`,
      description: `ldm ${props.stage.name}: keyed hash of ID numbers with credit codes (duplicate filings)`,
      keySpec: kms.KeySpec.HMAC_256,
      keyUsage: kms.KeyUsage.GENERATE_VERIFY_MAC,
      pendingWindow: Duration.days(30),
      removalPolicy: props.removalPolicy,
    });
  }
}

export interface SealingKeysResources {
  readonly fieldKey: kms.IKey;
  readonly duplicateKey: kms.IKey;
}

/**
 * What a function may do with the sealing key, from its catalogue access: every function on the cases table
 * (its cases, calendar or posts) learns the key (`SEALING_KEY_ARN`, which its store needs at cold start); a
 * writer of cases may generate data keys, a function with `sealing: 'open'` may also unwrap them — each only
 * under the sealing encryption context.
 * A filing writer (`cases: 'write'`), or a function that opens cases otherwise (`findsDuplicates`: the
 * partner callback), may also compute the duplicate MAC (`DUPLICATE_KEY_ARN`).
 */
export function grantSealing(fn: lambda.Function, keys: SealingKeysResources, access: Access): void {
  if (!access.cases && !access.calendar && !access.posts) return;
  fn.addEnvironment('SEALING_KEY_ARN', keys.fieldKey.keyArn);
  // The calendar's and the posts' items hold nothing sealed: their functions learn the key's ARN only.
  if (!access.cases) return;
  const actions = [
    ...(access.cases === 'read' ? [] : ['kms:GenerateDataKey']),
    ...(access.sealing === 'open' ? ['kms:Decrypt'] : []),
  ];
  if (actions.length > 0) {
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions,
        resources: [keys.fieldKey.keyArn],
        conditions: { StringEquals: { 'kms:EncryptionContext:purpose': SEALING_CONTEXT.purpose } },
      }),
    );
  }
  if (access.cases === 'write' || access.findsDuplicates) {
    fn.addEnvironment('DUPLICATE_KEY_ARN', keys.duplicateKey.keyArn);
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['kms:GenerateMac'], resources: [keys.duplicateKey.keyArn] }),
    );
  }
}
