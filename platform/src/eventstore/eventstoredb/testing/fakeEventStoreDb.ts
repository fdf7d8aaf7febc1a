import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import gossipGrpc from '@eventstore/db-client/generated/gossip_grpc_pb.js';
import gossipPb from '@eventstore/db-client/generated/gossip_pb.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import type { AppendReq, AppendResp, ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb.js';

/** An event as the fake server holds it; its commit and prepare positions are both `position`. */
interface StoredEvent {
  readonly id: string;
  readonly stream: string;
  readonly revision: bigint;
  readonly position: bigint;
  readonly type: string;
  readonly data: Buffer;
  readonly metadata: Buffer;
}

/** A failure the server answers with, as EventStoreDB sends it: a gRPC status and its `exception` trailer. */
export interface ServerFailure {
  readonly code: grpc.status;
  readonly exception?: string;
  readonly trailers?: Readonly<Record<string, string>>;
}

type ReadCall = grpc.ServerWritableStream<ReadReq, ReadResp>;

interface OpenSubscription {
  readonly call: ReadCall;
  readonly prefixes: readonly string[] | undefined;
}

/**
 * A transport-level stand-in for EventStoreDB 24.x: a real gRPC server speaking the client's own
 * generated protocol (`@eventstore/db-client/generated`), enough of it for the adapter's tests: the
 * gossip a `esdb+discover://` client starts with, appends, reads of `$all` and of a stream, and
 * catch-up subscriptions to `$all` with a stream-name prefix filter. Failures are injected where a
 * real server fails: gossip, open subscriptions, appends.
 */
export class FakeEventStoreDb {
  private readonly log: StoredEvent[] = [];
  private readonly subscriptions = new Set<OpenSubscription>();
  private gossipFailuresLeft = 0;
  private nextAppendFailure: ServerFailure | undefined;
  private readonly calls = { subscriptions: 0, reads: 0, gossip: 0 };

  private constructor(
    private readonly server: grpc.Server,
    readonly port: number,
  ) {}

  static async start(): Promise<FakeEventStoreDb> {
    const server = new grpc.Server();
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolve(bound),
      ),
    );
    const fake = new FakeEventStoreDb(server, port);
    server.addService(streamsGrpc.StreamsService, {
      read: (call: ReadCall) => fake.read(call),
      append: (
        call: grpc.ServerReadableStream<AppendReq, AppendResp>,
        done: grpc.sendUnaryData<AppendResp>,
      ) => fake.append(call, done),
    });
    server.addService(gossipGrpc.GossipService, {
      read: (_call: unknown, done: grpc.sendUnaryData<InstanceType<typeof gossipPb.ClusterInfo>>) =>
        fake.gossip(done),
    });
    return fake;
  }

  /** A single-node connection string (no discovery). */
  get url(): string {
    return `esdb://127.0.0.1:${this.port}?tls=false`;
  }

  /** A cluster connection string: every new connection asks the gossip first, once, without waiting. */
  get discoverUrl(): string {
    return `esdb+discover://127.0.0.1:${this.port}?tls=false&maxDiscoverAttempts=1&discoveryInterval=1`;
  }

  /** How many calls of each kind the server has answered. */
  get answered(): Readonly<{ subscriptions: number; reads: number; gossip: number }> {
    return this.calls;
  }

  /** Records events as if some client had appended them. */
  record(stream: string, events: readonly { type: string; data?: unknown }[]): void {
    for (const event of events) {
      this.store(stream, {
        id: randomUUID(),
        type: event.type,
        data: Buffer.from(JSON.stringify(event.data ?? {})),
        metadata: Buffer.from(
          JSON.stringify({ schemaVersion: 1, actor: 'system:fake', $correlationId: 'c' }),
        ),
      });
    }
  }

  /** The next `times` gossip requests fail, so a discovering client cannot connect. */
  failGossip(times: number): void {
    this.gossipFailuresLeft = times;
  }

  /** Ends every open subscription with `failure`, as a server that goes away does. */
  dropSubscriptions(failure: ServerFailure): void {
    for (const subscription of [...this.subscriptions]) {
      this.subscriptions.delete(subscription);
      subscription.call.emit('error', toStatus(failure));
    }
  }

  failNextAppend(failure: ServerFailure): void {
    this.nextAppendFailure = failure;
  }

  async stop(): Promise<void> {
    this.server.forceShutdown();
    return Promise.resolve();
  }

  private gossip(done: grpc.sendUnaryData<InstanceType<typeof gossipPb.ClusterInfo>>): void {
    this.calls.gossip += 1;
    if (this.gossipFailuresLeft > 0) {
      this.gossipFailuresLeft -= 1;
      done(toStatus({ code: grpc.status.UNAVAILABLE }));
      return;
    }
    const endpoint = new gossipPb.EndPoint().setAddress('127.0.0.1').setPort(this.port);
    const member = new gossipPb.MemberInfo()
      .setInstanceId(new sharedPb.UUID().setString(randomUUID()))
      .setTimeStamp('0')
      .setState(gossipPb.MemberInfo.VNodeState.LEADER)
      .setIsAlive(true)
      .setHttpEndPoint(endpoint);
    done(null, new gossipPb.ClusterInfo().setMembersList([member]));
  }

  private read(call: ReadCall): void {
    const options = call.request.getOptions();
    if (options === undefined) {
      call.emit('error', toStatus({ code: grpc.status.INVALID_ARGUMENT }));
      return;
    }
    if (options.hasStream()) {
      this.readStream(call, options);
      return;
    }
    const all = options.getAll();
    const prefixes = options.hasFilter()
      ? options.getFilter()?.getStreamIdentifier()?.getPrefixList()
      : undefined;
    const from = all?.hasPosition() ? BigInt(all.getPosition()?.getCommitPosition() ?? '0') : undefined;
    if (options.hasSubscription()) {
      this.calls.subscriptions += 1;
      const subscription: OpenSubscription = { call, prefixes };
      call.write(
        new streamsPb.ReadResp().setConfirmation(
          new streamsPb.ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID()),
        ),
      );
      const startAtEnd = all?.hasEnd() === true;
      const past = startAtEnd ? [] : this.log.filter((event) => from === undefined || event.position > from);
      for (const event of past) if (matches(event, prefixes)) call.write(eventResponse(event));
      call.write(new streamsPb.ReadResp().setCaughtUp(new streamsPb.ReadResp.CaughtUp()));
      this.subscriptions.add(subscription);
      call.on('cancelled', () => this.subscriptions.delete(subscription));
      return;
    }
    this.calls.reads += 1;
    const backwards = options.getReadDirection() === streamsPb.ReadReq.Options.ReadDirection.BACKWARDS;
    const count = Number(options.getCount());
    const ordered = backwards ? [...this.log].reverse() : this.log;
    const inclusive = ordered.filter((event) =>
      from === undefined ? true : backwards ? event.position <= from : event.position >= from,
    );
    for (const event of inclusive.filter((event) => matches(event, prefixes)).slice(0, count)) {
      call.write(eventResponse(event));
    }
    call.end();
  }

  private readStream(call: ReadCall, options: ReadReq.Options): void {
    this.calls.reads += 1;
    const streamOptions = options.getStream();
    const name = Buffer.from(streamOptions?.getStreamIdentifier()?.getStreamName_asU8() ?? []).toString();
    const events = this.log.filter((event) => event.stream === name);
    if (events.length === 0) {
      call.write(new streamsPb.ReadResp().setStreamNotFound(new streamsPb.ReadResp.StreamNotFound()));
      call.end();
      return;
    }
    const backwards = options.getReadDirection() === streamsPb.ReadReq.Options.ReadDirection.BACKWARDS;
    const fromRevision = streamOptions?.hasRevision() ? BigInt(streamOptions.getRevision()) : undefined;
    const ordered = backwards ? [...events].reverse() : events;
    const from = ordered.filter((event) =>
      fromRevision === undefined
        ? true
        : backwards
          ? event.revision <= fromRevision
          : event.revision >= fromRevision,
    );
    for (const event of from.slice(0, Number(options.getCount()))) call.write(eventResponse(event));
    call.end();
  }

  private append(
    call: grpc.ServerReadableStream<AppendReq, AppendResp>,
    done: grpc.sendUnaryData<AppendResp>,
  ): void {
    let stream = '';
    let expected: AppendReq.Options | undefined;
    const proposed: Omit<StoredEvent, 'stream' | 'revision' | 'position'>[] = [];
    call.on('data', (request: AppendReq) => {
      const options = request.getOptions();
      if (options !== undefined) {
        expected = options;
        stream = Buffer.from(options.getStreamIdentifier()?.getStreamName_asU8() ?? []).toString();
        return;
      }
      const message = request.getProposedMessage();
      if (message === undefined) return;
      proposed.push({
        id: message.getId()?.getString() ?? randomUUID(),
        type: message.getMetadataMap().get('type') ?? 'unknown',
        data: Buffer.from(message.getData_asU8()),
        metadata: Buffer.from(message.getCustomMetadata_asU8()),
      });
    });
    call.on('end', () => {
      const failure = this.nextAppendFailure;
      this.nextAppendFailure = undefined;
      if (failure !== undefined) {
        done(toStatus(failure));
        return;
      }
      const current = this.log.filter((event) => event.stream === stream).at(-1)?.revision;
      const wrong =
        (expected?.hasNoStream() === true && current !== undefined) ||
        (expected?.hasRevision() === true && BigInt(expected.getRevision()) !== current);
      if (wrong) {
        const wrongVersion = new streamsPb.AppendResp.WrongExpectedVersion();
        if (current === undefined) wrongVersion.setCurrentNoStream(new sharedPb.Empty());
        else wrongVersion.setCurrentRevision(current.toString());
        done(null, new streamsPb.AppendResp().setWrongExpectedVersion(wrongVersion));
        return;
      }
      let last: StoredEvent | undefined;
      for (const event of proposed) last = this.store(stream, event);
      const position = new streamsPb.AppendResp.Position()
        .setCommitPosition(String(last?.position ?? 0n))
        .setPreparePosition(String(last?.position ?? 0n));
      const success = new streamsPb.AppendResp.Success()
        .setCurrentRevision(String(last?.revision ?? 0n))
        .setPosition(position);
      done(null, new streamsPb.AppendResp().setSuccess(success));
    });
  }

  private store(stream: string, event: Omit<StoredEvent, 'stream' | 'revision' | 'position'>): StoredEvent {
    const current = this.log.filter((stored) => stored.stream === stream).at(-1)?.revision;
    const last = this.log.at(-1)?.position ?? 0n;
    const stored: StoredEvent = {
      ...event,
      stream,
      revision: current === undefined ? 0n : current + 1n,
      position: last + 100n,
    };
    this.log.push(stored);
    for (const subscription of this.subscriptions) {
      if (matches(stored, subscription.prefixes)) subscription.call.write(eventResponse(stored));
    }
    return stored;
  }
}

function matches(event: StoredEvent, prefixes: readonly string[] | undefined): boolean {
  if (prefixes === undefined) return true;
  return prefixes.some((prefix) => event.stream.startsWith(prefix));
}

function eventResponse(event: StoredEvent): ReadResp {
  const recorded = new streamsPb.ReadResp.ReadEvent.RecordedEvent()
    .setId(new sharedPb.UUID().setString(event.id))
    .setStreamIdentifier(new sharedPb.StreamIdentifier().setStreamName(Buffer.from(event.stream)))
    .setStreamRevision(event.revision.toString())
    .setCommitPosition(event.position.toString())
    .setPreparePosition(event.position.toString())
    .setData(event.data)
    .setCustomMetadata(event.metadata);
  const metadata = recorded.getMetadataMap();
  metadata.set('type', event.type);
  metadata.set('content-type', 'application/json');
  // .NET ticks (100 ns) since the Unix epoch, as the server sends `created`.
  metadata.set('created', '17000000000000000');
  const read = new streamsPb.ReadResp.ReadEvent()
    .setEvent(recorded)
    .setCommitPosition(event.position.toString());
  return new streamsPb.ReadResp().setEvent(read);
}

function toStatus(failure: ServerFailure): Partial<grpc.StatusObject> {
  const metadata = new grpc.Metadata();
  if (failure.exception !== undefined) metadata.set('exception', failure.exception);
  for (const [key, value] of Object.entries(failure.trailers ?? {})) metadata.set(key, value);
  return { code: failure.code, details: failure.exception ?? grpc.status[failure.code], metadata };
}
