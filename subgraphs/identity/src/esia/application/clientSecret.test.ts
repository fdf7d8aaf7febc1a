import { generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { clientSecretMessage, signClientSecret } from './clientSecret.ts';
import { createKeySigner } from './keySigner.ts';

const parts = {
  clientId: 'INSURER01',
  scope: 'openid fullname',
  scopeOrg: '',
  timestamp: '2026.03.01 10:00:00 +0000',
  state: '2b7d3f1e-8f4a-4c55-9d1e-0f6a7c3b9e21',
  redirectUri: 'https://cabinet.example/esia/callback',
};

describe('client_secret', () => {
  it('concatenates client_id, scope, scope_org, timestamp, state and redirect_uri in that order', () => {
    expect(clientSecretMessage(parts)).toBe(
      'INSURER01openid fullname2026.03.01 10:00:00 +00002b7d3f1e-8f4a-4c55-9d1e-0f6a7c3b9e21https://cabinet.example/esia/callback',
    );
  });

  it('appends the code at the token endpoint', () => {
    expect(clientSecretMessage({ ...parts, scopeOrg: 'org_emps', code: 'abc' })).toBe(
      'INSURER01openid fullnameorg_emps2026.03.01 10:00:00 +00002b7d3f1e-8f4a-4c55-9d1e-0f6a7c3b9e21https://cabinet.example/esia/callbackabc',
    );
  });

  it('is a base64url detached signature without padding that verifies over that message', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const signer = createKeySigner({
      privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    });

    const secret = await signClientSecret(signer, parts);

    expect(secret).toMatch(/^[A-Za-z0-9_-]+$/);
    const signature = Buffer.from(secret, 'base64url');
    const message = Buffer.from(clientSecretMessage(parts));
    expect(verify('sha256', message, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature)).toBe(true);
    expect(
      verify(
        'sha256',
        Buffer.from(`${clientSecretMessage(parts)}x`),
        { key: publicKey, dsaEncoding: 'ieee-p1363' },
        signature,
      ),
    ).toBe(false);
  });
});
