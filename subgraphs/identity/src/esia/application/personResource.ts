import { ESIA_PATHS, esiaUrl, type EsiaClientConfig } from './config.ts';
import { gosuslugiError } from './errors.ts';
import { callEsia, readJson } from './http.ts';
import { asObject, unexpected } from './json.ts';
import { parseAddress, parseContact, parseDocument, parsePerson, type EsiaPerson } from './person.ts';

const CONTACT_SCOPES = ['contacts', 'mobile', 'email'];

async function getResource(config: EsiaClientConfig, url: URL, accessToken: string): Promise<unknown> {
  const response = await callEsia(
    url,
    { headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' } },
    config.timeoutMs,
  );
  if (response.status === 401)
    throw gosuslugiError('GOSUSLUGI_SIGN_IN_EXPIRED', undefined, { path: url.pathname });
  if (response.status === 403)
    throw gosuslugiError('GOSUSLUGI_PERMISSION_DENIED', undefined, { path: url.pathname });
  if (response.status >= 500) {
    throw gosuslugiError('GOSUSLUGI_UNAVAILABLE', undefined, {
      reason: `HTTP ${response.status}`,
      path: url.pathname,
    });
  }
  if (!response.ok) throw unexpected(`HTTP ${response.status} from ${url.pathname}`);
  return readJson(response, url.pathname);
}

/**
 * Reads a collection (`{size, elements[]}`) and each of its elements. ESIA lists elements as links;
 * the access token is only ever sent to links under this person on the configured ESIA origin.
 */
async function readCollection(
  config: EsiaClientConfig,
  personUrl: URL,
  name: 'ctts' | 'docs' | 'addrs',
  accessToken: string,
): Promise<unknown[]> {
  const collectionUrl = new URL(`${personUrl.pathname}/${name}`, personUrl);
  const collection = asObject(await getResource(config, collectionUrl, accessToken), name);
  const elements = collection['elements'];
  if (!Array.isArray(elements)) throw unexpected(`${name}.elements is not a list`);
  return Promise.all(
    elements.map((element: unknown) => {
      if (typeof element !== 'string') return element;
      const elementUrl = new URL(element, personUrl);
      if (
        elementUrl.origin !== personUrl.origin ||
        !elementUrl.pathname.startsWith(`${collectionUrl.pathname}/`)
      ) {
        throw unexpected(`${name} links outside the person resource`);
      }
      return getResource(config, elementUrl, accessToken);
    }),
  );
}

/** `/rs/prns/{oid}` with contacts, documents and addresses, as far as the granted scopes reach. */
export async function fetchPerson(
  config: EsiaClientConfig,
  accessToken: string,
  oid: string,
): Promise<EsiaPerson> {
  const personUrl = esiaUrl(config, ESIA_PATHS.person(oid));
  const granted = (scope: string) => config.scopes.includes(scope);
  const [person, contacts, documents, addresses] = await Promise.all([
    getResource(config, personUrl, accessToken),
    CONTACT_SCOPES.some(granted) ? readCollection(config, personUrl, 'ctts', accessToken) : [],
    granted('id_doc') ? readCollection(config, personUrl, 'docs', accessToken) : [],
    granted('addresses') ? readCollection(config, personUrl, 'addrs', accessToken) : [],
  ]);
  return parsePerson(oid, person, {
    contacts: contacts.map(parseContact),
    documents: documents.map(parseDocument),
    addresses: addresses.map(parseAddress),
  });
}
