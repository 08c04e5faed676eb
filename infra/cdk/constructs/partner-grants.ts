import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { PARTNER_LISTING_INDEX } from '../../../functions/adapters/partners/partner-store.ts';
import type { CoreResources } from '../stateful-stack.ts';
import { KMS_DECRYPT } from './grant-actions.ts';

/**
 * The partner table: `find` is GetItem on it (one partner, with its secrets: the callback verifies with
 * the inbound ones, the queue consumers sign with the outbound ones); `list` is Query on the listing index
 * alone (kind, id, name; no secrets), for the route that lists partners and the action that names one.
 * No Scan. Sets `PARTNER_TABLE_NAME`.
 */
export function usePartners(core: CoreResources, fn: lambda.Function, mode: 'find' | 'list'): void {
  const table = core.partnerTable;
  fn.addEnvironment('PARTNER_TABLE_NAME', table.tableName);
  fn.addToRolePolicy(
    new iam.PolicyStatement(
      mode === 'find'
        ? { actions: ['dynamodb:GetItem'], resources: [table.tableArn] }
        : { actions: ['dynamodb:Query'], resources: [`${table.tableArn}/index/${PARTNER_LISTING_INDEX}`] },
    ),
  );
  viaService(core.key, fn, 'dynamodb', KMS_DECRYPT);
}

/** Use of the data key only through the service that needs it (`kms:ViaService`). */
export function viaService(key: kms.IKey, fn: lambda.Function, service: string, actions: string[]): void {
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      actions,
      resources: [key.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `${service}.${Stack.of(fn).region}.amazonaws.com` } },
    }),
  );
}
