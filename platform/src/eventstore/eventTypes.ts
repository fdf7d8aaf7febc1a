import type { z } from 'zod';
import type { NewEvent, RecordedEvent } from './port.ts';

/** One version of an event type's data shape. */
export interface EventTypeVersion {
  readonly version: number;
  readonly schema: z.ZodType;
  /**
   * Lifts the data of the version before this one to this one; every version but the first has one.
   * Must be pure: it runs on every read, and stored events are never rewritten.
   */
  readonly upcast?: (previous: unknown) => unknown;
}

/** Every version an event type was ever recorded in, so any stored event of it reads as the newest. */
export interface EventTypeDefinition {
  readonly type: string;
  /** Names the type was recorded under before: such events read as this type, version for version. */
  readonly formerNames?: readonly string[];
  /** Version 1 first, then each next one; the last is the version written today. */
  readonly versions: readonly EventTypeVersion[];
}

/** A stored event that cannot be read as its type: its data does not match, or its version is unknown. */
export class InvalidStoredEvent extends Error {
  constructor(
    readonly stream: string,
    readonly revision: bigint,
    readonly position: string,
    readonly type: string,
    readonly schemaVersion: number,
    readonly reason: string,
  ) {
    super(
      `stored event ${type} v${schemaVersion} at ${stream}@${String(revision)} (position ${position}): ${reason}`,
    );
    this.name = 'InvalidStoredEvent';
  }
}

/** An event refused before it was appended: it is not in the version written today, or does not match it. */
export class InvalidNewEvent extends Error {
  constructor(
    readonly stream: string,
    readonly type: string,
    readonly schemaVersion: number,
    readonly reason: string,
  ) {
    super(`new event ${type} v${schemaVersion} for ${stream}: ${reason}`);
    this.name = 'InvalidNewEvent';
  }
}

/**
 * The event types a service reads and writes, each with its own version, schemas and upcasters. A
 * definition with a gap in its chain is refused when the registry is built, at start-up. Types not
 * registered pass through untouched: several services share one store, and each reads only what it
 * registered (its codecs refuse any type of their own categories that they do not know).
 */
export class EventTypeRegistry {
  private readonly byName = new Map<string, EventTypeDefinition>();

  constructor(definitions: readonly EventTypeDefinition[]) {
    for (const definition of definitions) {
      checkChain(definition);
      for (const name of [definition.type, ...(definition.formerNames ?? [])]) {
        if (this.byName.has(name)) throw new Error(`event type ${name} is registered twice`);
        this.byName.set(name, definition);
      }
    }
  }

  /** The version a writer records `type` in today. */
  currentVersion(type: string): number {
    const definition = this.byName.get(type);
    if (definition === undefined || definition.type !== type) {
      throw new Error(`event type ${type} is not registered`);
    }
    return definition.versions.length;
  }

  /** The stored event as the newest version of its type's current name, or the event itself if unregistered. */
  read(event: RecordedEvent): RecordedEvent {
    const definition = this.byName.get(event.type);
    if (definition === undefined) return event;
    const reject = (reason: string) =>
      new InvalidStoredEvent(
        event.stream,
        event.revision,
        event.position,
        event.type,
        event.metadata.schemaVersion,
        reason,
      );
    const stored = definition.versions[event.metadata.schemaVersion - 1];
    if (stored === undefined) {
      throw reject(`unknown version: ${definition.type} has versions 1 to ${definition.versions.length}`);
    }
    const storedProblem = problemOf(stored.schema, event.data);
    if (storedProblem !== null) throw reject(storedProblem);
    let data = event.data;
    for (const next of definition.versions.slice(stored.version)) {
      data = (next.upcast as (previous: unknown) => unknown)(data);
      const liftedProblem = problemOf(next.schema, data);
      if (liftedProblem !== null) throw reject(`lifted to v${next.version}, ${liftedProblem}`);
    }
    if (definition.type === event.type && stored.version === definition.versions.length) return event;
    return {
      ...event,
      type: definition.type,
      data,
      metadata: { ...event.metadata, schemaVersion: definition.versions.length },
    };
  }

  /** Refuses an event of a registered type that is not in today's version of it, under today's name. */
  checkNew(stream: string, event: NewEvent): void {
    const definition = this.byName.get(event.type);
    if (definition === undefined) return;
    const reject = (reason: string) =>
      new InvalidNewEvent(stream, event.type, event.metadata.schemaVersion, reason);
    if (definition.type !== event.type) throw reject(`the type is now named ${definition.type}`);
    if (event.metadata.schemaVersion !== definition.versions.length) {
      throw reject(`the version written today is ${definition.versions.length}`);
    }
    const problem = problemOf(definition.versions[definition.versions.length - 1]!.schema, event.data);
    if (problem !== null) throw reject(problem);
  }
}

function checkChain(definition: EventTypeDefinition): void {
  if (definition.versions.length === 0) throw new Error(`event type ${definition.type} has no version`);
  definition.versions.forEach((step, index) => {
    const where = `event type ${definition.type} version ${step.version}`;
    if (step.version !== index + 1) {
      throw new Error(
        `${where} is listed where version ${index + 1} belongs: versions run 1, 2, 3… without gaps`,
      );
    }
    if (index === 0 && step.upcast !== undefined)
      throw new Error(`${where} is the first: it has nothing to upcast`);
    if (index > 0 && step.upcast === undefined) {
      throw new Error(
        `${where} has no upcaster from version ${index}: events of version ${index} could not be read`,
      );
    }
  });
}

/** Where the data breaks the schema, without the offending values: stored data may be personal. */
function problemOf(schema: z.ZodType, data: unknown): string | null {
  const result = schema.safeParse(data);
  if (result.success) return null;
  return result.error.issues
    .map(
      (issue) => `${issue.path.length === 0 ? '(data)' : issue.path.map(String).join('.')}: ${issue.message}`,
    )
    .join('; ');
}
