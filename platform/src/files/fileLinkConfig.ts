import { join } from 'node:path';
import { env, optional } from '../config/env.ts';
import { LinkSigner, type SignedGrant } from './signedLinks.ts';
import { loadOrCreateLinkSigningKey } from './linkSigningKey.ts';
import { publicUrlSetting } from './publicFiles.ts';
import { PublicLinks } from './publicLinks.ts';

/** The settings of a service that hands out signed file links (claims, support). */
export const fileLinkConfigSpec = {
  /** The gateway's public origin: the service's links are `<PUBLIC_URL>/files/<service>/…`. */
  PUBLIC_URL: publicUrlSetting,
  /** The HMAC key of the file links; created under DATA_DIR on first start when not set (base64, 32 bytes). */
  DOCUMENT_LINK_KEY_FILE: optional(env.string()),
};

export interface FileLinkConfig {
  readonly DATA_DIR: string;
  readonly PUBLIC_URL: string;
  readonly DOCUMENT_LINK_KEY_FILE: string | undefined;
}

/**
 * A service's link signer, keyed from its file (`<DATA_DIR>/<service>/document-link.key` unless set), and
 * where its links point.
 */
export async function openFileLinks<Grant extends SignedGrant>(
  config: FileLinkConfig,
  service: string,
): Promise<{ signer: LinkSigner<Grant>; links: PublicLinks }> {
  const key = await loadOrCreateLinkSigningKey(
    config.DOCUMENT_LINK_KEY_FILE ?? join(config.DATA_DIR, service, 'document-link.key'),
  );
  return { signer: new LinkSigner<Grant>(key), links: PublicLinks.of(config.PUBLIC_URL, service) };
}
