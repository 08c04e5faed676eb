import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { SealingAlgorithm } from '../../../functions/adapters/crypto/ciphers.ts';
import { SEALING_CONTEXT } from '../../../functions/adapters/crypto/kms-data-keys.ts';
import type { Access } from '../../../functions/catalogue-types.ts';
import { resourceName, type StageConfig } from '../stage-config.ts';

/**
 * The keys of sealed personal data (issue 22; functions/shared/sealing.ts): a symmetric key that wraps the
 * data keys ID numbers and phones are sealed with (envelope encryption: GenerateDataKey, Decrypt), and an
 * HMAC_256 key for the keyed hash of ID numbers that finds duplicate filings (GenerateMac) — a key per
 * purpose, rotation on the symmetric one, neither ever leaving KMS. The cn stage builds the same keys: in
 * the China regions a SYMMETRIC_DEFAULT key is SM4-128, and the fields are sealed with SM4 too
 * (`algorithm`, from the stage's partition; docs/sealing.md).
 */
export class SealingKeys extends Construct {
  readonly fieldKey: kms.Key;
  readonly duplicateKey: kms.Key;
  readonly algorithm: SealingAlgorithm;

  constructor(
    scope: Construct,
    id: string,
    props: { readonly stage: StageConfig; readonly removalPolicy: RemovalPolicy },
  ) {
    super(scope, id);
    this.algorithm = sealingAlgorithmOf(props.stage);
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

/**
 * The cipher of sealed fields on a stage: SM4-CTR with HMAC-SM3 in the China regions (where KMS's own
 * symmetric keys are SM4 and commercial-cryptography rules expect SM4), AES-256-GCM elsewhere.
 */
export const sealingAlgorithmOf = (stage: Pick<StageConfig, 'partition'>): SealingAlgorithm =>
  stage.partition === 'aws-cn' ? 'sm4ctr-hmacsm3' : 'aes256gcm';

export interface SealingKeysResources {
  readonly fieldKey: kms.IKey;
  readonly duplicateKey: kms.IKey;
  readonly algorithm: SealingAlgorithm;
}

/**
 * What a function may do with the sealing key, from its catalogue access: a writer of cases seals (it may
 * generate data keys), a function with `sealing: 'open'` may also unwrap them — each only under the sealing
 * encryption context — and only those learn the key and the stage's cipher (`SEALING_KEY_ARN`,
 * `SEALING_ALGORITHM`, read on the first seal; functions/shared/sealing.ts). A reader of cases, the
 * calendar or the posts never seals, and is told of no key.
 * A filing writer (`cases: 'write'`), or a function that opens cases otherwise (`findsDuplicates`: the
 * partner callback), may also compute the duplicate MAC (`DUPLICATE_KEY_ARN`).
 */
export function grantSealing(fn: lambda.Function, keys: SealingKeysResources, access: Access): void {
  const seals = access.cases === 'write' || access.cases === 'case-items';
  const opens = access.sealing === 'open';
  if (seals || opens) {
    fn.addEnvironment('SEALING_KEY_ARN', keys.fieldKey.keyArn);
    fn.addEnvironment('SEALING_ALGORITHM', keys.algorithm);
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: [...(seals ? ['kms:GenerateDataKey'] : []), ...(opens ? ['kms:Decrypt'] : [])],
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
