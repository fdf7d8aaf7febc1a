import { Router } from 'express';
import type { AppDeps } from '../appDeps.ts';

/** `GET /.well-known/jwks.json`: the public key tokens are signed with, for verifiers. */
export function jwksEndpoint(deps: Pick<AppDeps, 'keys'>): Router {
  const router = Router();
  router.get('/.well-known/jwks.json', (_request, response) => {
    response.json({ keys: [deps.keys.publicJwk] });
  });
  return router;
}
