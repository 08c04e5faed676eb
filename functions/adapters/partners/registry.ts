import * as z from 'zod/mini';
import type { PartnerListings } from '../../../domain/directory/ports.ts';
import type { PartnerDirectory } from '../../../domain/handoffs/ports.ts';
import { PARTNER_KINDS } from '../../../domain/shared/destinations.ts';
import { lazily, PARTNER_ID, POST_ID } from '../../../domain/shared/validation.ts';

/**
 * A court or arbitration institute that receives handoffs as signed webhooks. The schema is built on the
 * first partner read, not at cold start: most requests of the functions holding the directory name none.
 */
const webhookSecrets = () =>
  z
    .array(z.string().check(z.regex(/^whsec_[A-Za-z0-9+/]{24,}={0,2}$/, 'must be whsec_ + base64')))
    .check(z.minLength(1), z.maxLength(3));

export const partnerSchema = lazily(() =>
  z
    .strictObject({
      kind: z.enum(PARTNER_KINDS),
      id: PARTNER_ID,
      name: z.string().check(z.minLength(1), z.maxLength(200)),
      endpoint: z.url(),
      /**
       * Outbound: the Standard Webhooks secrets (`whsec_` + base64) that sign our webhooks to the partner,
       * newest first. Every one signs each delivery, so a partner that has switched to the new secret and one
       * still on the old both verify during rotation.
       */
      secrets: webhookSecrets(),
      /**
       * Inbound: the secrets the partner signs its callbacks with, newest first; any one verifies. Never the
       * outbound ones: whoever reads a webhook we sent (a partner's logs, a proxy) must not be able to forge
       * a callback.
       */
      callbackSecrets: webhookSecrets(),
      /** The union posts this partner may open cases at (delegation, pre-arbitration mediation); none if absent. */
      posts: z.optional(z.array(POST_ID).check(z.maxLength(10_000))),
    })
    .check(
      z.refine((p) => !p.callbackSecrets.some((s) => p.secrets.includes(s)), {
        message: 'callback secrets must differ from the webhook secrets',
        path: ['callbackSecrets'],
      }),
    ),
);
export type Partner = z.output<ReturnType<typeof partnerSchema>>;

/**
 * The registry document, `{ "partners": [ … ] }`: the seed format of the partner table (the local stack
 * puts its simulated partners in from one) and what tests build a directory from. Deployed, the partners
 * live in the partner table, one item each (partner-store.ts).
 */
export const registryDocumentSchema = lazily(() =>
  z.object({ partners: z.array(partnerSchema()).check(z.maxLength(10_000)) }),
);

export type { PartnerDirectory };

export type RegistrySource = () => Promise<string>;

/**
 * A directory over a registry document, validated when read and cached for `ttlMs`. Each entry is checked
 * on its own: a malformed one (or a plain-http endpoint, unless `allowHttp`, local only) is left out and
 * reported, and cannot stop the others. A document that cannot be read keeps the last good copy in service.
 */
export class PartnerRegistry implements PartnerDirectory, PartnerListings {
  readonly #source: RegistrySource;
  readonly #ttlMs: number;
  readonly #allowHttp: boolean;
  readonly #onProblem: (problem: string) => void;
  #cached: { at: number; byKey: Map<string, Partner> } | null = null;

  constructor(
    source: RegistrySource,
    options: { ttlMs: number; allowHttp: boolean; onProblem?: (problem: string) => void },
  ) {
    this.#source = source;
    this.#ttlMs = options.ttlMs;
    this.#allowHttp = options.allowHttp;
    this.#onProblem = options.onProblem ?? (() => undefined);
  }

  async find(kind: Partner['kind'], id: string): Promise<Partner | null> {
    return (await this.#partners()).get(`${kind}/${id}`) ?? null;
  }

  async list(kind?: Partner['kind']): Promise<readonly Partner[]> {
    return [...(await this.#partners()).values()].filter((p) => kind === undefined || p.kind === kind);
  }

  async #partners(): Promise<Map<string, Partner>> {
    if (!this.#cached || Date.now() - this.#cached.at > this.#ttlMs) {
      try {
        this.#cached = { at: Date.now(), byKey: this.#parse(await this.#source()) };
      } catch (error) {
        if (!this.#cached) throw error;
        this.#onProblem(`registry unreadable, keeping the last good copy: ${(error as Error).message}`);
        this.#cached = { ...this.#cached, at: Date.now() };
      }
    }
    return this.#cached.byKey;
  }

  #parse(text: string): Map<string, Partner> {
    const document = RegistryShape.parse(JSON.parse(text));
    const byKey = new Map<string, Partner>();
    document.partners.forEach((entry, i) => {
      const parsed = partnerSchema().safeParse(entry);
      if (!parsed.success) {
        const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(entry)').join(', ');
        this.#onProblem(`partners[${i}] left out: invalid ${fields}`);
        return;
      }
      const partner = parsed.data;
      if (!partner.endpoint.startsWith('https://') && !this.#allowHttp) {
        this.#onProblem(`partners[${i}] (${partner.kind}/${partner.id}) left out: endpoint must be https`);
        return;
      }
      byKey.set(`${partner.kind}/${partner.id}`, partner);
    });
    return byKey;
  }
}

/** The document's outer shape; entries are validated one by one. */
const RegistryShape = z.object({ partners: z.array(z.unknown()).check(z.maxLength(10_000)) });
