import { describe, expect, it } from 'vitest';
import { isValidPlate, isValidVin, parsePlate, parseVin } from './vehicleIdentifiers.ts';

describe('VIN', () => {
  it.each([
    ['XTA210990Y2766389', 'XTA210990Y2766389'],
    ['  z94cb41aagr323020 ', 'Z94CB41AAGR323020'],
    ['WVWZZZ1KZ6W000001', 'WVWZZZ1KZ6W000001'],
  ])('accepts %j', (raw, vin) => {
    expect(parseVin(raw)).toBe(vin);
  });

  it.each([
    ['XTA210990Y276638', '16 characters'],
    ['XTA210990Y27663891', '18 characters'],
    ['XTA210990Y2766I89', 'the letter I'],
    ['XTA210990Y2766O89', 'the letter O'],
    ['XTA210990Y2766Q89', 'the letter Q'],
    ['XTA210990Y2766-89', 'a hyphen'],
    ['ХТА210990Y2766389', 'Cyrillic Х and Т'],
  ])('rejects %j (%s) with INVALID_VIN', (raw) => {
    expect(isValidVin(raw)).toBe(false);
    expect(() => parseVin(raw)).toThrow(expect.objectContaining({ code: 'INVALID_VIN' }));
  });
});

describe('registration plate', () => {
  // 'A123BC 77' is typed with Latin twins and a space.
  it.each([
    ['А123ВС77', 'А123ВС77'],
    ['а123вс777', 'А123ВС777'],
    ['A123BC 77', 'А123ВС77'],
    ['Х001ХХ199', 'Х001ХХ199'],
    ['М999КМ750', 'М999КМ750'],
    ['Т456УР977', 'Т456УР977'],
  ])('accepts %j', (raw, plate) => {
    expect(parsePlate(raw)).toBe(plate);
  });

  it.each([
    ['Б123ВС77', 'Б is not issued'],
    ['А000ВС77', 'number 000'],
    ['А123ВС00', 'region 00'],
    ['А123ВС7', 'one-digit region'],
    ['А123ВС277', 'three-digit region starting with 2'],
    ['А1234ВС77', 'four digits'],
    ['АВ123С77', 'letters in the wrong places'],
    ['', 'nothing'],
  ])('rejects %j (%s) with INVALID_PLATE', (raw) => {
    expect(isValidPlate(raw)).toBe(false);
    expect(() => parsePlate(raw)).toThrow(expect.objectContaining({ code: 'INVALID_PLATE' }));
  });
});
