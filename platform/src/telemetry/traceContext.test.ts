import { ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { traceContextFrom, traceContextFromFields, traceHeaders } from './traceContext.ts';

const fetchSpan = {
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  spanId: '00f067aa0ba902b7',
  traceFlags: TraceFlags.SAMPLED,
};

describe('W3C trace context', () => {
  it('names the calling span in traceparent and reads it back on the other side', () => {
    const headers = traceHeaders(trace.setSpanContext(ROOT_CONTEXT, fetchSpan));
    expect(headers).toEqual({ traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' });

    const received = trace.getSpanContext(traceContextFrom(new Headers(headers)));
    expect(received).toMatchObject({ ...fetchSpan, isRemote: true });
  });

  it('sends nothing for a context without a valid span', () => {
    expect(traceHeaders(ROOT_CONTEXT)).toEqual({});
  });

  it.each([
    ['no headers', undefined],
    ['no traceparent', new Headers({ authorization: 'Bearer x' })],
    ['a malformed traceparent', new Headers({ traceparent: '00-not-a-trace-01' })],
    ['an all-zero trace id', new Headers({ traceparent: `00-${'0'.repeat(32)}-00f067aa0ba902b7-01` })],
  ])('starts a new trace given %s', (_case, headers) => {
    expect(trace.getSpanContext(traceContextFrom(headers))).toBeUndefined();
  });

  it("reads the caller's span from a subscribe message's extensions, next to other fields", () => {
    const extensions = {
      authorization: 'Bearer x',
      ...traceHeaders(trace.setSpanContext(ROOT_CONTEXT, fetchSpan)),
    };
    expect(trace.getSpanContext(traceContextFromFields(extensions))).toMatchObject({
      ...fetchSpan,
      isRemote: true,
    });
  });

  it.each([
    ['no extensions', undefined],
    ['null extensions', null],
    ['a traceparent that is not a string', { traceparent: 42 }],
  ])('starts a new trace from a subscribe message with %s', (_case, extensions) => {
    expect(trace.getSpanContext(traceContextFromFields(extensions))).toBeUndefined();
  });
});
