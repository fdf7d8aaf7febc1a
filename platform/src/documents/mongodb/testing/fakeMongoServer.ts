import { once } from 'node:events';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { BSON, type Document } from 'mongodb';

const OP_REPLY = 1;
const OP_QUERY = 2004;
const OP_MSG = 2013;
const HEADER_BYTES = 16;

/** Answers one command the driver sent (the command's name is its first key), or undefined to refuse it. */
export type CommandAnswer = (command: Document) => Document | undefined;

export interface FakeMongoServer {
  /** A `mongodb://` URL with a direct connection to this server. */
  readonly url: string;
  /** Every command the driver sent, in order, but the handshake, heartbeats and session bookkeeping. */
  readonly commands: Document[];
  close(): Promise<void>;
}

/** What the driver sends for itself, answered here so tests script only the commands the adapter sends. */
const BOOKKEEPING = new Set(['hello', 'ismaster', 'isMaster', 'ping', 'endSessions']);

/**
 * A MongoDB server at the wire-protocol level (OP_QUERY for the first handshake, OP_MSG after), so a
 * test drives the real `mongodb` driver against scripted answers where no server can run. It speaks
 * as a standalone MongoDB 7.0 without sessions.
 */
export async function startFakeMongoServer(answer: CommandAnswer): Promise<FakeMongoServer> {
  const commands: Document[] = [];
  const sockets = new Set<Socket>();
  const respond = (command: Document): Document => {
    const name = Object.keys(command)[0] ?? '';
    if (name === 'hello' || name.toLowerCase() === 'ismaster') return helloReply();
    if (BOOKKEEPING.has(name)) return { ok: 1 };
    commands.push(command);
    return (
      answer(command) ?? {
        ok: 0,
        code: 59,
        codeName: 'CommandNotFound',
        errmsg: `fake: no answer to ${name}`,
      }
    );
  };
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 4 && pending.length >= pending.readInt32LE(0)) {
        const message = pending.subarray(0, pending.readInt32LE(0));
        pending = pending.subarray(message.length);
        socket.write(reply(message, respond));
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `mongodb://127.0.0.1:${port}/?directConnection=true&serverSelectionTimeoutMS=5000`,
    commands,
    async close() {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}

function helloReply(): Document {
  return {
    helloOk: true,
    ismaster: true,
    isWritablePrimary: true,
    maxBsonObjectSize: 16 * 1024 * 1024,
    maxMessageSizeBytes: 48_000_000,
    maxWriteBatchSize: 100_000,
    localTime: new Date(0),
    minWireVersion: 0,
    maxWireVersion: 21,
    connectionId: 1,
    readOnly: false,
    ok: 1,
  };
}

function reply(message: Buffer, respond: (command: Document) => Document): Buffer {
  const requestId = message.readInt32LE(4);
  const opCode = message.readInt32LE(12);
  if (opCode === OP_QUERY) {
    const nameEnd = message.indexOf(0, HEADER_BYTES + 4);
    const command = BSON.deserialize(message.subarray(nameEnd + 1 + 8));
    const body = BSON.serialize(respond(command));
    const fields = Buffer.alloc(20);
    fields.writeInt32LE(1, 16); // numberReturned; flags, cursor id and startingFrom stay 0
    return frame(requestId, OP_REPLY, Buffer.concat([fields, body]));
  }
  if (opCode !== OP_MSG) throw new Error(`fake MongoDB: unexpected op code ${opCode}`);
  const body = BSON.serialize(respond(opMsgCommand(message)));
  return frame(requestId, OP_MSG, Buffer.concat([Buffer.alloc(5), body])); // flags 0, section kind 0
}

/** The body section, with any document sequence (kind 1) folded in under its identifier. */
function opMsgCommand(message: Buffer): Document {
  let offset = HEADER_BYTES + 4;
  let command: Document = {};
  const sequences: Record<string, Document[]> = {};
  while (offset < message.length) {
    const kind = message.readUInt8(offset);
    offset += 1;
    const size = message.readInt32LE(offset);
    if (kind === 0) {
      command = BSON.deserialize(message.subarray(offset, offset + size));
      offset += size;
      continue;
    }
    const end = offset + size;
    const nameEnd = message.indexOf(0, offset + 4);
    const identifier = message.toString('utf8', offset + 4, nameEnd);
    const documents: Document[] = [];
    for (let at = nameEnd + 1; at < end; at += message.readInt32LE(at))
      documents.push(BSON.deserialize(message.subarray(at, at + message.readInt32LE(at))));
    sequences[identifier] = documents;
    offset = end;
  }
  return { ...command, ...sequences };
}

function frame(responseTo: number, opCode: number, body: Buffer): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeInt32LE(HEADER_BYTES + body.length, 0);
  header.writeInt32LE(responseTo + 1, 4);
  header.writeInt32LE(responseTo, 8);
  header.writeInt32LE(opCode, 12);
  return Buffer.concat([header, body]);
}
