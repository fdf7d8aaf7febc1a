import { describe, expect, it } from 'vitest';
import { commandFingerprint } from './commandFingerprint.ts';

describe('commandFingerprint', () => {
  it('is the same for the same request, whatever the order of its members', () => {
    expect(commandFingerprint('Comment', { text: 'a', at: { day: 1, month: 2 } })).toBe(
      commandFingerprint('Comment', { at: { month: 2, day: 1 }, text: 'a' }),
    );
  });

  it('treats an undefined member as absent', () => {
    expect(commandFingerprint('Comment', { text: 'a', note: undefined })).toBe(
      commandFingerprint('Comment', { text: 'a' }),
    );
  });

  it('differs when the data or the command differ', () => {
    const fingerprint = commandFingerprint('Comment', { text: 'a', files: ['x'] });
    expect(commandFingerprint('Comment', { text: 'b', files: ['x'] })).not.toBe(fingerprint);
    expect(commandFingerprint('Comment', { text: 'a', files: ['x', 'y'] })).not.toBe(fingerprint);
    expect(commandFingerprint('Answer', { text: 'a', files: ['x'] })).not.toBe(fingerprint);
    expect(commandFingerprint('Comment', { text: 'a', files: null })).not.toBe(fingerprint);
  });
});
