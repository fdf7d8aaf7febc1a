import type { EventStore } from '@cabinet/platform/eventstore';
import { claimEventOf } from '../claim/application/claimEventCodec.ts';
import { claimStreamId } from '../claim/domain/claimStreamId.ts';
import { unsealPersonalData } from '../claim/domain/personalData.ts';
import { plainPersonalData } from '../claim/domain/personalDataForm.ts';
import type { CustomerKeyVault } from '../privacy/customerKeyVault.ts';

/**
 * The contact e-mail the customer gave when submitting the claim. It is personal data sealed in the
 * ClaimSubmitted event, so it is opened with the customer's key at sending time and never copied into
 * the outbox: after the key is destroyed there is no address, and no e-mail.
 */
export async function contactEmailOf(
  events: EventStore,
  vault: CustomerKeyVault,
  claimId: string,
): Promise<string | null> {
  const [first] = await events.read(claimStreamId(claimId), { maxCount: 1 });
  if (!first) return null;
  const submitted = claimEventOf(first);
  if (submitted.type !== 'ClaimSubmitted') return null;
  const opened = await unsealPersonalData(submitted, (sealed) => vault.open(sealed));
  return plainPersonalData(opened.data.personal)?.contactEmail ?? null;
}
