import { publicJwks, type KeyRing } from '@cabinet/platform/auth';
import type { Express } from 'express';

/** Publishes every key of the ring, so tokens signed by a retired key still verify until they expire. */
export function jwksRoute(ring: () => KeyRing) {
  return (app: Express) => {
    app.get('/.well-known/jwks.json', (_req, res) => {
      res
        .type('application/jwk-set+json')
        .set('cache-control', 'public, max-age=300')
        .send(JSON.stringify(publicJwks(ring())));
    });
  };
}
