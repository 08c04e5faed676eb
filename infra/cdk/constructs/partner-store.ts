import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { PARTNER_TABLE } from '../../../functions/adapters/partners/partner-store.ts';
import { resourceName, type StageConfig } from '../stage-config.ts';

/**
 * The partner table: some 3,500 courts and 3,000 arbitration commissions nationally, one item each (kind,
 * id, name, endpoint, webhook secrets), where one Secrets Manager secret (64 KB) held them all and every
 * reader read every partner's secrets.
 *
 * A table of its own rather than a partition of the cases table: the cases table's stream would carry every
 * partner's secrets to the relay, its backups and exports hold case data with other retention, and IAM can
 * then grant GetItem on this table and Query on its listing index alone without conditions. The secrets are
 * encrypted at rest by the table's encryption with the data key (customer managed): reading one needs
 * GetItem here and kms:Decrypt through DynamoDB. One Secrets Manager secret per partner was the other
 * choice; at 6,500 partners it costs thousands a month and a call per partner per cold cache for no gain:
 * rotation is agreed with each partner by hand (add the new secret, both sign, remove the old), which a
 * rotation Lambda cannot do.
 */
export function createPartnerTable(
  scope: Construct,
  props: { readonly stage: StageConfig; readonly key: kms.IKey },
): dynamodb.Table {
  const { stage } = props;
  const table = new dynamodb.Table(scope, 'PartnerTable', {
    tableName: resourceName(stage, 'partners'),
    partitionKey: { name: PARTNER_TABLE.partitionKey.name, type: dynamodb.AttributeType.STRING },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
    encryptionKey: props.key,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: stage.production,
    removalPolicy: stage.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
  for (const index of PARTNER_TABLE.indexes) {
    table.addGlobalSecondaryIndex({
      indexName: index.indexName,
      partitionKey: { name: index.partitionKey.name, type: dynamodb.AttributeType.STRING },
      sortKey: { name: index.sortKey.name, type: dynamodb.AttributeType.STRING },
      // Kind, id and name only: a Query of the listing never returns an endpoint or a secret.
      projectionType: dynamodb.ProjectionType.INCLUDE,
      nonKeyAttributes: [...index.nonKeyAttributes],
    });
  }
  return table;
}
