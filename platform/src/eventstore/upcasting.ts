import type { RecordedEvent } from './port.ts';

/**
 * Lifts the data of one event type from `fromVersion` to `fromVersion + 1`. Must be pure: it runs on
 * every read, and stored events are never rewritten.
 */
export interface Upcaster {
  readonly type: string;
  readonly fromVersion: number;
  readonly upcast: (data: unknown) => unknown;
}

/** Chains upcasters so an event recorded at any old schemaVersion reads as the newest one known. */
export class UpcasterRegistry {
  private readonly byType = new Map<string, Map<number, Upcaster>>();

  constructor(upcasters: readonly Upcaster[] = []) {
    for (const upcaster of upcasters) {
      const versions = this.byType.get(upcaster.type) ?? new Map<number, Upcaster>();
      if (versions.has(upcaster.fromVersion)) {
        throw new Error(`two upcasters for ${upcaster.type} from version ${upcaster.fromVersion}`);
      }
      versions.set(upcaster.fromVersion, upcaster);
      this.byType.set(upcaster.type, versions);
    }
  }

  upcast(event: RecordedEvent): RecordedEvent {
    const versions = this.byType.get(event.type);
    if (versions === undefined) return event;
    let version = event.metadata.schemaVersion;
    let data = event.data;
    for (let step = versions.get(version); step !== undefined; step = versions.get(version)) {
      data = step.upcast(data);
      version += 1;
    }
    if (version === event.metadata.schemaVersion) return event;
    return { ...event, data, metadata: { ...event.metadata, schemaVersion: version } };
  }
}

export const noUpcasting = new UpcasterRegistry();
