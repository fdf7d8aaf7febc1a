import { readFile } from 'node:fs/promises';
import type { ErrorCode } from '@cabinet/kernel';
import type { AccessTokenVerifier } from '@cabinet/platform/auth';
import type { GatewayConfigSupergraph } from '@graphql-hive/gateway-runtime';
import { CLIENT_NAME_HEADER } from './limitsFromConfig.ts';

export const PERSISTED_QUERY_NOT_FOUND = 'PERSISTED_QUERY_NOT_FOUND' satisfies ErrorCode;
export const PERSISTED_QUERY_ONLY = 'PERSISTED_QUERY_ONLY' satisfies ErrorCode;

/** Client apps that may only run registered operations (by their `x-client-name`). */
const RESTRICTED_CLIENT_NAMES: ReadonlySet<string> = new Set(['mobile']);

/** The registered operations: sha256 of the text → the text (`npm run schema` writes the manifest). */
export async function loadOperationManifest(file: string): Promise<ReadonlyMap<string, string>> {
  const manifest: unknown = JSON.parse(await readFile(file, 'utf8'));
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest))
    throw new Error(`${file} is not an operation manifest`);
  const operations = new Map<string, string>();
  for (const [hash, text] of Object.entries(manifest)) {
    if (typeof text !== 'string') throw new Error(`${file}: operation ${hash} is not a document`);
    operations.set(hash, text);
  }
  return operations;
}

/**
 * The runtime's persisted documents: anyone may run a registered operation by its
 * `extensions.persistedQuery.sha256Hash`; partners (by their token) and the mobile app (by
 * `x-client-name`) may run nothing else. A token that does not verify counts as restricted: the
 * authentication check refuses it anyway.
 */
export function persistedDocumentsOptions(
  operations: ReadonlyMap<string, string>,
  verifier: AccessTokenVerifier,
): NonNullable<GatewayConfigSupergraph['persistedDocuments']> {
  return {
    getPersistedOperation: (hash) => operations.get(hash) ?? null,
    allowArbitraryDocuments: async (request) => {
      const clientName = request.headers.get(CLIENT_NAME_HEADER)?.trim().toLowerCase();
      if (clientName !== undefined && RESTRICTED_CLIENT_NAMES.has(clientName)) return false;
      try {
        const principal = await verifier.principalFromAuthorization(request.headers.get('authorization'));
        return principal.kind !== 'partner';
      } catch {
        return false;
      }
    },
    customErrors: {
      notFound: {
        message: 'Такая операция не зарегистрирована.',
        extensions: { code: PERSISTED_QUERY_NOT_FOUND },
      },
      keyNotFound: {
        message: 'Укажите хеш зарегистрированной операции.',
        extensions: { code: PERSISTED_QUERY_NOT_FOUND },
      },
      persistedQueryOnly: {
        message: 'Этому клиенту доступны только зарегистрированные операции: передайте их хеш.',
        extensions: { code: PERSISTED_QUERY_ONLY },
      },
    },
  };
}
