import { describe, expect, it } from 'vitest';
import { isUuid } from './uuid.ts';

describe('isUuid', () => {
  it.each(['0f8c6a52-2c55-4a8e-9d51-6b7f0b2a4c11', '0F8C6A52-2C55-4A8E-9D51-6B7F0B2A4C11'])(
    'accepts %s',
    (id) => {
      expect(isUuid(id)).toBe(true);
    },
  );

  it.each(['', 'not-a-uuid', '../etc/passwd', "1' OR '1'='1", ' 0f8c6a52-2c55-4a8e-9d51-6b7f0b2a4c11'])(
    'refuses %j',
    (id) => {
      expect(isUuid(id)).toBe(false);
    },
  );
});
