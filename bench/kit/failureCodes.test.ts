import { describe, expect, it } from 'vitest';
import { failureCode, failureLines, transportFailureCode } from './failureCodes.ts';

const EXPECTED = '{"data":{"policy":{"number":"1"}}}';

describe('failure codes', () => {
  it('names a failed answer by its status and its errors’ codes', () => {
    expect(failureCode(200, EXPECTED, EXPECTED)).toBeUndefined();
    expect(failureCode(503, '{"errors":[{"extensions":{"code":"SUBGRAPH_UNAVAILABLE"}}]}', EXPECTED)).toBe(
      'HTTP 503 SUBGRAPH_UNAVAILABLE',
    );
    expect(failureCode(200, '{"data":null,"errors":[{"message":"x"}]}', EXPECTED)).toBe('200 no code');
    expect(failureCode(200, '{"data":{"policy":null}}', EXPECTED)).toBe('200 different data');
    expect(failureCode(502, 'Bad Gateway', EXPECTED)).toBe('HTTP 502');
    expect(transportFailureCode(Object.assign(new Error('reset'), { code: 'ECONNRESET' }))).toBe(
      'ECONNRESET',
    );
  });

  it('adds up the runs’ failures, largest first, with the first answer of each code', () => {
    const lines = failureLines('our gateway', [
      { failuresByCode: { 'HTTP 429': 1 }, failureSamples: { 'HTTP 429': '{"errors": [1]}' } },
      { failuresByCode: { 'HTTP 429': 2, ECONNRESET: 1 }, failureSamples: { 'HTTP 429': 'later' } },
    ]);
    expect(lines).toEqual([
      '  failures of our gateway: HTTP 429 ×3, ECONNRESET ×1',
      '    HTTP 429: {"errors": [1]}',
    ]);
  });
});
