import { describe, expect, it } from 'vitest';
import { validateInn } from './inn.ts';

describe('validateInn', () => {
  it.each([
    { raw: '7707083893', value: '7707083893', kind: 'organisation' },
    { raw: '500100732259', value: '500100732259', kind: 'person' },
    { raw: '585204118212', value: '585204118212', kind: 'person', note: 'the ESIA test user' },
    { raw: ' 7707 083893 ', value: '7707083893', kind: 'organisation', note: 'spaces people type' },
  ])('accepts $raw as $kind', ({ raw, value, kind }) => {
    expect(validateInn(raw)).toEqual({ ok: true, value: { value, kind } });
  });

  it.each([
    { raw: '7707083894', why: 'wrong check digit of a 10-digit INN' },
    { raw: '500100732258', why: 'wrong second check digit' },
    { raw: '500100732269', why: 'wrong first check digit' },
    { raw: '77070838', why: 'too short' },
    { raw: '77070838931', why: '11 digits' },
    { raw: '77070838a3', why: 'a letter' },
    { raw: '7707-083893', why: 'a hyphen' },
    { raw: '', why: 'empty' },
  ])('rejects $raw ($why) with INVALID_INN', ({ raw }) => {
    const result = validateInn(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.code).toBe('INVALID_INN');
      expect(result.message).toMatch(/ИНН/);
    }
  });
});
