import { describe, expect, it } from 'vitest';
import { foldClaim } from './claimDecider.ts';
import type { ClaimEvent } from './claimEvents.ts';
import {
  hasPersonalData,
  personalDataOf,
  sealPersonalData,
  unsealPersonalData,
  withoutPersonalData,
} from './personalData.ts';
import { ERASED_PERSONAL_DATA, plainPersonalData, type SealedPersonalData } from './personalDataForm.ts';
import { history } from './testing/claimFixtures.ts';

const h = history();
const everyEvent: ClaimEvent[] = [
  ...h.paid,
  ...h.refused,
  ...h.withdrawn,
  h.events.questionAsked,
  h.events.documentsRequested,
];
const PERSONAL_TEXTS = [
  'Тверская',
  '+79001234567',
  'Столкновение',
  'извещение о ДТП.pdf',
  'справка',
  'фото',
  'не застрахован',
];

/** A reversible stand-in for the per-customer cipher; keys "destroyed" here no longer open anything. */
function testCipher(destroyedKeys: ReadonlySet<string> = new Set()) {
  return {
    seal: (plain: object): Promise<SealedPersonalData> =>
      Promise.resolve({
        sealed: Buffer.from(JSON.stringify(plain)).toString('base64'),
        keyId: 'customer-1#1',
      }),
    unseal: (sealed: SealedPersonalData): Promise<object | null> =>
      Promise.resolve(
        destroyedKeys.has(sealed.keyId)
          ? null
          : (JSON.parse(Buffer.from(sealed.sealed, 'base64').toString()) as object),
      ),
  };
}

describe('personal data in claim events', () => {
  it('sits only in the personal part: erasing it leaves no personal text in the event', () => {
    const plain = JSON.stringify(everyEvent);
    for (const personal of PERSONAL_TEXTS) expect(plain).toContain(personal);
    for (const event of everyEvent) {
      const text = JSON.stringify(withoutPersonalData(event));
      for (const personal of PERSONAL_TEXTS)
        expect(text, `${event.type} keeps “${personal}”`).not.toContain(personal);
    }
  });

  it('replaces the personal part with the erased marker and leaves events without one untouched', () => {
    for (const event of everyEvent) {
      const erased = withoutPersonalData(event);
      expect(personalDataOf(erased)).toEqual(hasPersonalData(event) ? ERASED_PERSONAL_DATA : null);
      if (!hasPersonalData(event)) expect(erased).toBe(event);
    }
  });

  it('is never needed to fold a claim: erased histories give the same state', () => {
    for (const events of [h.paid, h.refused, h.withdrawn, h.awaitingResponse, h.documentsRequested]) {
      expect(foldClaim(events.map(withoutPersonalData))).toEqual(foldClaim(events));
    }
  });

  it('never reaches the claim state', () => {
    const state = JSON.stringify(foldClaim([...h.awaitingResponse, h.events.documentsRequested]));
    for (const personal of PERSONAL_TEXTS) expect(state).not.toContain(personal);
  });

  it('round-trips through sealing, and reads as erased once the key is destroyed', async () => {
    const [submitted] = h.submitted;
    if (submitted === undefined) throw new Error('fixture history is empty');
    const sealed = await sealPersonalData(submitted, testCipher().seal);
    expect(JSON.stringify(sealed)).not.toContain('Тверская');
    expect(plainPersonalData(sealed.data.personal)).toBeNull();
    expect(await unsealPersonalData(sealed, testCipher().unseal)).toEqual(submitted);
    const shredded = await unsealPersonalData(sealed, testCipher(new Set(['customer-1#1'])).unseal);
    expect(shredded.data.personal).toEqual(ERASED_PERSONAL_DATA);
    expect(foldClaim([shredded])).toEqual(foldClaim([submitted]));
  });

  it('leaves sealed, erased and personal-free events alone when sealing', async () => {
    const { seal } = testCipher();
    const [submitted] = h.submitted;
    if (submitted === undefined) throw new Error('fixture history is empty');
    const sealed = await sealPersonalData(submitted, seal);
    expect(await sealPersonalData(sealed, seal)).toBe(sealed);
    const erased = withoutPersonalData(submitted);
    expect(await sealPersonalData(erased, seal)).toBe(erased);
    expect(await sealPersonalData(h.events.accepted, seal)).toBe(h.events.accepted);
  });
});
