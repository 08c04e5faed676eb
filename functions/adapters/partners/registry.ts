import { readFile } from 'node:fs/promises';
import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { z } from 'zod';
import { PARTNER_ID } from '../../../domain/case.ts';

/** A court or arbitration institute that receives handoffs as signed webhooks. */
export const Partner = z.strictObject({
  kind: z.enum(['ARBITRATION', 'COURT']),
  id: PARTNER_ID,
  name: z.string().min(1).max(200),
  endpoint: z.url(),
  /**
   * Standard Webhooks secrets (`whsec_` + base64), newest first. Every one signs each delivery, so a
   * partner that has switched to the new secret and one still on the old both verify during rotation.
   */
  secrets: z
    .array(z.string().regex(/^whsec_[A-Za-z0-9+/=]{24,}$/, 'must be whsec_ + base64'))
    .min(1)
    .max(3),
});
export type Partner = z.output<typeof Partner>;

export const PartnerRegistryDocument = z.strictObject({
  partners: z.array(Partner).max(10_000),
  /** A random value CloudFormation generates with the empty registry, so no value sits in the template. */
  revision: z.string().optional(),
});

export interface PartnerDirectory {
  find(kind: Partner['kind'], id: string): Promise<Partner | null>;
}

export type RegistrySource = () => Promise<string>;

/** Reads the registry from a JSON file (the local stack). */
export const fileSource =
  (path: string): RegistrySource =>
  () =>
    readFile(path, 'utf8');

/** Reads the registry from a Secrets Manager secret holding the JSON document (AWS). */
export const secretSource =
  (client: SecretsManagerClient, secretId: string): RegistrySource =>
  async () => {
    const out = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    if (!out.SecretString) throw new Error('the partner registry secret is empty');
    return out.SecretString;
  };

/**
 * The partner registry, validated when read and cached for `ttlMs`, so a rotated secret or a new
 * partner arrives without a redeploy. Plain-http endpoints are refused unless `allowHttp` (local only).
 */
export class PartnerRegistry implements PartnerDirectory {
  readonly #source: RegistrySource;
  readonly #ttlMs: number;
  readonly #allowHttp: boolean;
  #cached: { at: number; byKey: Map<string, Partner> } | null = null;

  constructor(source: RegistrySource, options: { ttlMs: number; allowHttp: boolean }) {
    this.#source = source;
    this.#ttlMs = options.ttlMs;
    this.#allowHttp = options.allowHttp;
  }

  async find(kind: Partner['kind'], id: string): Promise<Partner | null> {
    if (!this.#cached || Date.now() - this.#cached.at > this.#ttlMs) {
      const document = PartnerRegistryDocument.parse(JSON.parse(await this.#source()));
      const byKey = new Map<string, Partner>();
      for (const partner of document.partners) {
        if (!partner.endpoint.startsWith('https://') && !this.#allowHttp) {
          throw new Error(`partner ${partner.kind}/${partner.id}: endpoint must be https`);
        }
        byKey.set(`${partner.kind}/${partner.id}`, partner);
      }
      this.#cached = { at: Date.now(), byKey };
    }
    return this.#cached.byKey.get(`${kind}/${id}`) ?? null;
  }
}
