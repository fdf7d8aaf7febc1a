import { describe, expect, it } from 'vitest';
import { OTHER_OPERATION, operationLabeller, registeredOperationNames } from './operationLabels.ts';

describe('operation labels', () => {
  it('names registered operations always, and other names only while there is room', () => {
    const label = operationLabeller(['MobileClaim'], 2);
    expect(['First', 'Second', 'Third', 'First'].map(label)).toEqual([
      'First',
      'Second',
      OTHER_OPERATION,
      'First',
    ]);
    expect(label('MobileClaim')).toBe('MobileClaim');
  });

  it('counts a long or odd name as "other" without spending room on it', () => {
    const label = operationLabeller([], 1);
    expect(label('A'.repeat(90_000))).toBe(OTHER_OPERATION);
    expect(label('name with "quotes"')).toBe(OTHER_OPERATION);
    expect(label('Short')).toBe('Short');
  });

  it('reads the operation names of registered documents', () => {
    expect(registeredOperationNames(['query MobileClaim { __typename }', '{ __typename }'])).toEqual([
      'MobileClaim',
    ]);
  });
});
