/**
 * Memory of another process after a full garbage collection, read over the V8 inspector: the bench
 * starts the processes it measures with `INSPECTED_ENV` (only the bench: production code has no hook
 * for it), learns each one's inspector address from the line Node prints on stderr, and asks it to
 * collect garbage (`HeapProfiler.collectGarbage`) and then for its `process.memoryUsage()`. Without the
 * collection a reading holds whatever garbage the last collection left, and a growth per subscriber
 * says as much about the collector's timing as about what a subscriber keeps.
 */
import { setTimeout as delay } from 'node:timers/promises';
import WebSocket from 'ws';

/** Environment for a measured process: an inspector on a loopback port the OS gives. */
export const INSPECTED_ENV = {
  NODE_OPTIONS: [process.env['NODE_OPTIONS'], '--inspect=127.0.0.1:0'].filter(Boolean).join(' '),
};

/** A process's memory after a full collection, KiB. */
export interface MemoryAfterGc {
  /** Resident set (what the OS gives the process): the V8 heap's pages, native buffers, code. */
  readonly rssKiB: number;
  /** The V8 heap's live objects plus memory outside it that objects hold (buffers, sockets' data). */
  readonly heapKiB: number;
}

const INSPECTOR_LINE = /Debugger listening on (ws:\/\/\S+)/;
const INSPECTOR_NOTICE = /^(Debugger (listening|attached|ending)|For help, see: https:\/\/nodejs\.org)/;

/** Whether a line on a process's stderr is Node's own about its inspector, not the process's. */
export const isInspectorNotice = (line: string): boolean => INSPECTOR_NOTICE.test(line);
const INSPECTOR_WITHIN_MS = 10_000;
const REPLY_WITHIN_MS = 60_000;

/** The inspector address in the last such line a process printed (its lines as `lines()` gives them). */
export async function inspectorAddress(lines: () => readonly string[]): Promise<string> {
  const by = Date.now() + INSPECTOR_WITHIN_MS;
  for (;;) {
    const address = lines()
      .map((line) => INSPECTOR_LINE.exec(line)?.[1])
      .findLast((found) => found !== undefined);
    if (address !== undefined) return address;
    if (Date.now() > by)
      throw new Error('the process printed no inspector address: was it started with INSPECTED_ENV?');
    await delay(50);
  }
}

/**
 * A session with another process's inspector, kept for a whole round: a heap sampling started on it
 * lasts as long as the session.
 */
export class InspectorSession {
  private nextId = 0;

  private constructor(private readonly socket: WebSocket) {}

  static async open(address: string): Promise<InspectorSession> {
    const socket = new WebSocket(address);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    return new InspectorSession(socket);
  }

  /** Collects garbage (twice: finalizers free more), then reads the process's memory. */
  async memoryAfterGc(): Promise<MemoryAfterGc> {
    await this.call('HeapProfiler.collectGarbage');
    await this.call('HeapProfiler.collectGarbage');
    const evaluated = await this.call('Runtime.evaluate', {
      expression: 'JSON.stringify(process.memoryUsage())',
      returnByValue: true,
    });
    const usage = JSON.parse((evaluated['result'] as { value: string }).value) as NodeJS.MemoryUsage;
    return { rssKiB: usage.rss / 1024, heapKiB: (usage.heapUsed + usage.external) / 1024 };
  }

  /** Samples allocations from now on, one in every `intervalBytes` on average, with their stacks. */
  async startHeapSampling(intervalBytes = 4_096): Promise<void> {
    await this.call('HeapProfiler.startSampling', { samplingInterval: intervalBytes });
  }

  /**
   * What the sampling saw of the objects still alive, as a `.heapprofile` (Chrome DevTools' Memory
   * tab opens it); the sampling goes on.
   */
  async heapSamplingProfile(): Promise<string> {
    return JSON.stringify((await this.call('HeapProfiler.getSamplingProfile'))['profile']);
  }

  close(): void {
    this.socket.close();
  }

  private call(method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.socket.off('message', onMessage);
        reject(new Error(`${method} not answered within ${REPLY_WITHIN_MS} ms`));
      }, REPLY_WITHIN_MS);
      // The inspector sends text frames, which ws hands over as one Buffer.
      const onMessage = (raw: WebSocket.RawData) => {
        const reply = JSON.parse((raw as Buffer).toString('utf8')) as {
          id?: number;
          result?: Record<string, unknown>;
          error?: unknown;
        };
        if (reply.id !== id) return;
        clearTimeout(timer);
        this.socket.off('message', onMessage);
        if (reply.error) reject(new Error(`${method}: ${JSON.stringify(reply.error)}`));
        else resolve(reply.result ?? {});
      };
      this.socket.on('message', onMessage);
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }
}
