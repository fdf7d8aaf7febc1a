import { describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../config.ts';
import { limitsFromConfig } from './limitsFromConfig.ts';

const PAGE = 'http://localhost:3000';
const CALLBACK = `${PAGE}/auth/esia/callback`;

function corsAnswer(env: Record<string, string>, origin: string) {
  const { cors } = limitsFromConfig(loadGatewayConfig(env), '/graphql').runtimeOptions;
  return cors(new Request('http://gateway/graphql', { headers: { origin } }));
}

describe('the CORS allowlist', () => {
  it("admits the sign-in page's origin in the embedded profile", () => {
    expect(corsAnswer({ SIGN_IN_CALLBACK_URL: CALLBACK }, PAGE)).toMatchObject({ origin: PAGE });
  });

  it('admits no sign-in page in production, nor without one', () => {
    expect(corsAnswer({ SIGN_IN_CALLBACK_URL: CALLBACK, GATEWAY_PROFILE: 'production' }, PAGE)).toBe(false);
    expect(corsAnswer({}, PAGE)).toBe(false);
  });

  it('admits the configured origins in every profile, and no other', () => {
    const env = { CORS_ORIGINS: 'https://lk.example.ru', GATEWAY_PROFILE: 'production' };
    expect(corsAnswer(env, 'https://lk.example.ru')).toMatchObject({ origin: 'https://lk.example.ru' });
    expect(corsAnswer(env, 'https://evil.example')).toBe(false);
  });
});
