import { describe, expect, it } from 'vitest';
import { nameBasedUuid } from './nameBasedUuid.ts';

// The DNS namespace from RFC 9562 appendix; "www.example.com" is the RFC's own worked example.
const DNS_NAMESPACE = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';

describe('nameBasedUuid', () => {
  it('matches the RFC 9562 version 5 example', () => {
    expect(nameBasedUuid(DNS_NAMESPACE, 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('is stable for a name and differs between names', () => {
    expect(nameBasedUuid(DNS_NAMESPACE, 'a')).toBe(nameBasedUuid(DNS_NAMESPACE, 'a'));
    expect(nameBasedUuid(DNS_NAMESPACE, 'a')).not.toBe(nameBasedUuid(DNS_NAMESPACE, 'b'));
  });

  it('refuses a namespace that is not a UUID', () => {
    expect(() => nameBasedUuid('not-a-uuid', 'x')).toThrow(RangeError);
  });
});
