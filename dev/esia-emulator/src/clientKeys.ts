import { generateKeyPairSync } from 'node:crypto';

/**
 * A fresh key pair for a client system in dev and tests: the private key goes to the client's
 * signer, the public key to the emulator's registration.
 */
export function generateClientKeyPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}
