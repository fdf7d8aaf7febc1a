import {
  ACCESS_TOKEN_TTL_SECONDS,
  loadOrCreateKeyRing,
  rotateKeyRing,
  rotationDue,
  type KeyRing,
} from '@cabinet/platform/auth';
import type { Logger } from '@cabinet/platform/logging';

/** How often an instance re-reads the shared ring, so a rotation by another instance reaches it. */
export const KEY_RING_RELOAD_MS = 5 * 60 * 1000;
/** A retired key stays published for the tokens it signed, plus the time every instance takes to reload. */
const RETENTION_MS = ACCESS_TOKEN_TTL_SECONDS * 1000 + 2 * KEY_RING_RELOAD_MS;

/** The signing key ring as this instance currently knows it, rotated when the active key is too old. */
export class SigningKeys {
  private constructor(
    private ring: KeyRing,
    private readonly file: string,
    private readonly maxAgeMs: number,
    private readonly now: () => Date,
    private readonly log: Logger,
  ) {}

  static async open(file: string, maxAgeMs: number, now: () => Date, log: Logger): Promise<SigningKeys> {
    const keys = new SigningKeys(await loadOrCreateKeyRing(file, now()), file, maxAgeMs, now, log);
    await keys.refresh();
    return keys;
  }

  readonly current = (): KeyRing => this.ring;

  /** Re-reads the ring and rotates it when due. */
  async refresh(): Promise<void> {
    this.ring = await loadOrCreateKeyRing(this.file, this.now());
    if (!rotationDue(this.ring, this.now(), this.maxAgeMs)) return;
    this.ring = await rotateKeyRing(this.file, this.now(), RETENTION_MS);
    this.log.info(
      { kid: this.ring.active.kid, published: this.ring.all.length },
      'access token signing key rotated',
    );
  }
}
