import { describe, expect, it } from 'vitest';
import { requestClientOf } from './requestClient.ts';

describe('requestClientOf', () => {
  const headers = { 'x-forwarded-for': '198.51.100.7, 203.0.113.9', 'user-agent': 'Browser/1.0' };

  it('takes the address the gateway appended when the gateway proved the request its own', () => {
    expect(requestClientOf(headers, '10.0.0.2', true)).toEqual({
      ip: '203.0.113.9',
      userAgent: 'Browser/1.0',
    });
  });

  it('takes the socket address of anyone else, whatever they wrote in x-forwarded-for', () => {
    expect(requestClientOf(headers, '10.0.0.3', false)).toEqual({ ip: '10.0.0.3', userAgent: 'Browser/1.0' });
  });
});
