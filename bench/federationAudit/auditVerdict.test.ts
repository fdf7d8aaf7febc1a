import { describe, expect, it } from 'vitest';
import { judge } from './auditVerdict.ts';

const query = '{ products { id } }';

describe('judge (the audit rule)', () => {
  it('passes equal data whatever the key order, and ignores errors the test leaves open', () => {
    const verdict = judge(
      { query, expected: { data: { products: [{ id: '1', name: 'a' }] } } },
      { data: { products: [{ name: 'a', id: '1' }] }, errors: [{ message: 'partial' }] },
    );
    expect(verdict).toEqual({ passed: true, differences: [] });
  });

  it('names the path of differing data and the first error', () => {
    const verdict = judge(
      { query, expected: { data: { products: [{ id: '1' }, { id: '2' }] } } },
      { data: { products: [{ id: '1' }, null] }, errors: [{ message: 'Cannot return null' }] },
    );
    expect(verdict.passed).toBe(false);
    expect(verdict.differences).toEqual([
      'data.products[1]: expected {"id":"2"}, got null',
      'first error: Cannot return null',
    ]);
  });

  it('reports missing and unexpected fields', () => {
    const verdict = judge({ query, expected: { data: { a: 1 } } }, { data: { b: 1 } });
    expect(verdict.differences).toEqual(['data.a: missing, expected 1', 'data.b: not expected, got 1']);
  });

  it('fails an answer without errors where the test expects some, and the other way round', () => {
    expect(judge({ query, expected: { data: null, errors: true } }, { data: null }).differences).toEqual([
      'errors: expected some, got none',
    ]);
    expect(
      judge(
        { query, expected: { data: { a: 1 }, errors: false } },
        { data: { a: 1 }, errors: [{ message: 'x' }] },
      ).differences,
    ).toEqual(['errors: expected none', 'first error: x']);
  });

  it('counts an absent data as null, as the audit does', () => {
    expect(judge({ query, expected: { errors: true } }, { errors: [{ message: 'refused' }] }).passed).toBe(
      true,
    );
  });
});
