/**
 * A stub subgraph for measuring a gateway alone: it answers any request its schema allows with made-up
 * data, computes each distinct request (query + variables) once and then answers it from memory with the
 * pre-serialized JSON, so a request costs the stub a JSON.parse and a Map lookup.
 *
 * The data is deterministic and the same whichever gateway asks: every value follows from a seed, and an
 * entity's seed is its type and key, so the fields of one entity agree across subgraphs (a field one
 * subgraph @provides equals the owner's) and across query plans (Apollo Gateway's and Hive's differ).
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import {
  execute,
  isAbstractType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  Kind,
  parse,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type GraphQLTypeResolver,
} from 'graphql';

/** Items in every list: the published benchmark's deep query fans out to a few hundred entities with 3. */
const LIST_LENGTH = 3;
/** Distinct requests kept; a gateway whose requests never repeat would otherwise grow the stub without end. */
const MAX_ANSWERS = 10_000;
const SEED = Symbol('stub seed');

type StubObject = Record<string | symbol, unknown>;

export interface StubSubgraph {
  readonly name: string;
  readonly url: string;
  /** Requests the stub had to execute rather than answer from memory: near zero once warmed up. */
  executions(): number;
  /** Requests received, answered from memory or not: what a gateway sent, after its own deduplication. */
  requests(): number;
  close(): Promise<void>;
}

/** Serves one subgraph's SDL on a free loopback port, at /graphql. */
export async function serveStubSubgraph(name: string, sdl: string): Promise<StubSubgraph> {
  const answer = stubAnswerer(sdl);
  let requests = 0;
  const server = createServer((request, response) => {
    requests += 1;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const send = (body: Buffer) => {
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
        response.end(body);
      };
      const fail = (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        process.stderr.write(`stub subgraph ${name} failed a request: ${message}\n`);
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(message);
      };
      try {
        const body = answer.answer(Buffer.concat(chunks).toString('utf8'));
        if (Buffer.isBuffer(body)) send(body);
        else body.then(send, fail);
      } catch (error) {
        fail(error);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    name,
    url: `http://127.0.0.1:${port}/graphql`,
    executions: () => answer.executions(),
    requests: () => requests,
    close: () => closeServer(server),
  };
}

/** The stub's answering, without the HTTP: body of a GraphQL POST in, serialized response out. */
export function stubAnswerer(sdl: string): {
  /** Synchronous when the request was answered before. */
  answer(body: string): Buffer | Promise<Buffer>;
  executions(): number;
} {
  const schema = buildSubgraphSchema({ typeDefs: parse(sdl) });
  const keyFields = entityKeyFields(schema);
  const answers = new Map<string, Buffer>();
  let executions = 0;

  const seedOf = (source: unknown): string => {
    const object = source as StubObject;
    const seed = object[SEED];
    if (typeof seed === 'string') return seed;
    // A representation from the gateway (`_entities`): its type and key, as when the entity was made.
    const typename = String(object['__typename']);
    return entitySeed(typename, keyFields.get(typename) ?? [], object);
  };

  const generate = (type: GraphQLOutputType, seed: string): unknown => {
    if (isNonNullType(type)) return generate(type.ofType, seed);
    if (isListType(type))
      return Array.from({ length: LIST_LENGTH }, (_, index) => generate(type.ofType, `${seed}[${index}]`));
    if (isScalarType(type)) return scalarValue(type.name, seed);
    if (isEnumType(type)) return type.getValues()[0]?.value;
    const objectType = isAbstractType(type) ? schema.getPossibleTypes(type)[0] : type;
    if (!objectType) return null;
    return entityOrObject(objectType, seed);
  };

  const entityOrObject = (type: GraphQLObjectType, seed: string): StubObject => {
    const keys = keyFields.get(type.name);
    if (!keys) return { __typename: type.name, [SEED]: seed };
    const object: StubObject = { __typename: type.name };
    for (const key of keys) {
      const field = type.getFields()[key];
      if (field) object[key] = generate(field.type, `${seed}.${key}`);
    }
    object[SEED] = entitySeed(type.name, keys, object);
    return object;
  };

  const fieldResolver: GraphQLFieldResolver<unknown, unknown> = (source, _args, _context, info) => {
    const object = source as StubObject | undefined;
    if (object && info.fieldName in object) return object[info.fieldName];
    return generate(info.returnType, `${object ? seedOf(object) : 'Query'}.${info.fieldName}`);
  };
  const typeResolver: GraphQLTypeResolver<unknown, unknown> = (value) =>
    String((value as StubObject)['__typename']);

  return {
    executions: () => executions,
    answer(body) {
      const request = JSON.parse(body) as {
        query?: string;
        variables?: Record<string, unknown>;
        operationName?: string;
      };
      const key = `${request.operationName ?? ''}\n${request.query ?? ''}\n${JSON.stringify(request.variables ?? {})}`;
      const known = answers.get(key);
      if (known) return known;
      executions += 1;
      return Promise.resolve(
        execute({
          schema,
          document: parse(request.query ?? ''),
          variableValues: request.variables ?? {},
          operationName: request.operationName,
          fieldResolver,
          typeResolver,
        }),
      ).then((result) => {
        const serialized = Buffer.from(JSON.stringify(result));
        if (answers.size < MAX_ANSWERS) answers.set(key, serialized);
        return serialized;
      });
    },
  };
}

/** Each entity type's top-level key fields, from its first @key. */
function entityKeyFields(schema: GraphQLSchema): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type)) continue;
    const nodes = [type.astNode, ...type.extensionASTNodes];
    const key = nodes
      .flatMap((node) => node?.directives ?? [])
      .find((directive) => directive.name.value === 'key');
    const fields = key?.arguments?.find((argument) => argument.name.value === 'fields')?.value;
    if (fields?.kind !== Kind.STRING) continue;
    keys.set(
      type.name,
      fields.value
        .replace(/\{[^}]*\}/g, ' ')
        .split(/\s+/)
        .filter((field) => field !== ''),
    );
  }
  return keys;
}

function entitySeed(typename: string, keys: readonly string[], object: StubObject): string {
  return `${typename}:${JSON.stringify(keys.map((key) => object[key]))}`;
}

/** A value of the scalar that passes the gateway's own scalar rules (the cabinet's typed scalars). */
function scalarValue(scalar: string, seed: string): unknown {
  const digest = createHash('sha1').update(seed).digest('hex');
  const number = Number.parseInt(digest.slice(0, 8), 16);
  switch (scalar) {
    case 'ID':
      return `id-${digest.slice(0, 12)}`;
    case 'UUID':
      return `${digest.slice(0, 8)}-${digest.slice(8, 12)}-4${digest.slice(13, 16)}-8${digest.slice(17, 20)}-${digest.slice(20, 32)}`;
    case 'Int':
      return number % 1_000;
    case 'Float':
      return (number % 100_000) / 100;
    case 'Boolean':
      return number % 2 === 0;
    case 'DateTimeISO':
      return '2026-01-15T09:30:00.000Z';
    case 'LocalDate':
      return '2026-01-15';
    case 'MoneyAmount':
      return `${number % 100_000}.00`;
    case 'EmailAddress':
      return 'customer@example.ru';
    case 'PhoneNumber':
      return '+79991234567';
    case 'INN':
      return '500100732259';
    case 'SNILS':
      return '112-233-445 95';
    case 'JSONObject':
      return {};
    default:
      return `${scalar.toLowerCase()}-${digest.slice(0, 8)}`;
  }
}

/** Closes a server, its idle keep-alive connections included. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
