import type { EventStore } from '@cabinet/platform/eventstore';
import { claimEventOf } from '../../claim/application/claimEventCodec.ts';
import { claimStreamId } from '../../claim/domain/claimStreamId.ts';
import { unsealPersonalData } from '../../claim/domain/personalData.ts';
import { plainPersonalData } from '../../claim/domain/personalDataForm.ts';
import type { CustomerKeyVault } from '@cabinet/platform/privacy';

/**
 * Where a claim's notices are e-mailed: the customer's Gosuslugi-verified e-mail kept when the claim was
 * submitted, never the contact e-mail they typed (nobody confirmed it is theirs, so notices could go
 * to a stranger). It is personal data sealed in the ClaimSubmitted event, so it is opened with the
 * customer's key at sending time and never copied into the outbox: after the key is destroyed there
 * is no address, and no e-mail.
 */
export async function noticeEmailOf(
  events: EventStore,
  vault: CustomerKeyVault,
  claimId: string,
): Promise<string | null> {
  const [first] = await events.read(claimStreamId(claimId), { maxCount: 1 });
  if (!first) return null;
  const submitted = claimEventOf(first);
  if (submitted.type !== 'ClaimSubmitted') return null;
  const opened = await unsealPersonalData(submitted, (sealed) => vault.open(sealed));
  return plainPersonalData(opened.data.personal)?.noticeEmail ?? null;
}
