import { Router, type Request, type Response } from 'express';
import type { AppDeps } from '../appDeps.ts';
import {
  COLLECTIONS,
  collectionAllowed,
  collectionView,
  elementView,
  personView,
  type CollectionName,
} from '../personResource.ts';
import { readAccessToken } from '../tokenKeys.ts';

/**
 * `GET /rs/prns/{oid}[/{collection}[/{id}]]`: the person an access token names, and their contacts,
 * documents and addresses as far as its scopes allow.
 */
export function personEndpoints(deps: Pick<AppDeps, 'keys' | 'now' | 'persons' | 'publicUrl'>): Router {
  const router = Router();

  /** Resolves the bearer token and the person it names; answers 401/403 itself otherwise. */
  const authorizedPerson = async (request: Request, response: Response) => {
    const header = request.get('authorization') ?? '';
    const token = /^Bearer (\S+)$/.exec(header)?.[1];
    const access = token ? await readAccessToken(deps.keys, token, deps.now()) : undefined;
    if (!access) {
      response
        .status(401)
        .set('www-authenticate', 'Bearer error="invalid_token"')
        .json({ error: 'invalid_token' });
      return undefined;
    }
    const person = deps.persons.find((candidate) => String(candidate.oid) === request.params['oid']);
    if (!person || person.oid !== access.oid) {
      response.status(403).json({ error: 'insufficient_scope' });
      return undefined;
    }
    return { person, scopes: access.scopes };
  };
  const collectionName = (value: string | undefined): CollectionName | undefined =>
    value !== undefined && Object.hasOwn(COLLECTIONS, value) ? (value as CollectionName) : undefined;

  router.get('/rs/prns/:oid', async (request, response) => {
    const subject = await authorizedPerson(request, response);
    if (subject) response.json(personView(subject.person, subject.scopes, deps.now()));
  });
  router.get('/rs/prns/:oid/:collection', async (request, response) => {
    const subject = await authorizedPerson(request, response);
    if (!subject) return;
    const name = collectionName(request.params['collection']);
    if (!name) response.status(404).json({ error: 'not_found' });
    else if (!collectionAllowed(name, subject.scopes))
      response.status(403).json({ error: 'insufficient_scope' });
    else response.json(collectionView(subject.person, name, subject.scopes, deps.publicUrl()));
  });
  router.get('/rs/prns/:oid/:collection/:id', async (request, response) => {
    const subject = await authorizedPerson(request, response);
    if (!subject) return;
    const name = collectionName(request.params['collection']);
    const element =
      name && collectionAllowed(name, subject.scopes)
        ? elementView(subject.person, name, subject.scopes, request.params['id'] ?? '')
        : undefined;
    if (element) response.json(element);
    else response.status(404).json({ error: 'not_found' });
  });
  return router;
}
