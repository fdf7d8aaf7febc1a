import {
  categoryOf,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type SubscriptionMessage,
} from '@cabinet/platform/eventstore';
import type { SealedPersonalData } from '@cabinet/kernel';
import type { CustomerKeyVault } from '@cabinet/platform/privacy';
import { ERASED_MESSAGE_TEXT, ERASED_RATING_COMMENT } from '../domain/erasedTexts.ts';
import { CONVERSATION_CATEGORY } from '../domain/conversationStreamId.ts';

/**
 * The personal data a customer's conversation holds, by event type: the verified e-mail notices go
 * to (with the name they greet the customer by, sealed alongside it), the messages of the customer
 * and the operators, the operators' internal notes about them and the rating comment, and the names
 * of files attached to messages. The automatic after-hours reply is the insurer's own text and stays
 * plain. An erased e-mail and name read as none.
 */
const SEALED_FIELDS: Readonly<
  Record<
    string,
    {
      field: 'text' | 'comment' | 'noticeEmail';
      erased: string | null;
      /** Further fields sealed with the main one; they read as null once erased. */
      alongside?: readonly 'noticeName'[];
    }
  >
> = {
  ConversationOpened: { field: 'noticeEmail', erased: null, alongside: ['noticeName'] },
  CustomerMessageSent: { field: 'text', erased: ERASED_MESSAGE_TEXT },
  OperatorReplied: { field: 'text', erased: ERASED_MESSAGE_TEXT },
  InternalNoteAdded: { field: 'text', erased: ERASED_MESSAGE_TEXT },
  ConversationRated: { field: 'comment', erased: ERASED_RATING_COMMENT },
};

/** A message's sealed text, with the names of its attached files in their order (absent without files). */
interface SealedText {
  readonly text: string;
  readonly fileNames?: readonly (string | null)[];
  /** The fields sealed alongside the text, by name. */
  readonly alongside?: Readonly<Record<string, string | null>>;
}

type AttachmentData = { readonly fileName?: string | null } & Record<string, unknown>;

function attachmentsOf(data: Record<string, unknown>): readonly AttachmentData[] | null {
  return Array.isArray(data['attachments']) ? (data['attachments'] as AttachmentData[]) : null;
}

function isSealed(value: unknown): value is SealedPersonalData {
  return typeof value === 'object' && value !== null && 'sealed' in value && 'keyId' in value;
}

/**
 * The conversation events as support's code reads and writes them, with their free texts sealed in the
 * log by the customer's key (crypto-shredding): appends seal, reads, catch-ups and subscriptions open.
 * A text whose key was destroyed on revoked consent reads as a fixed placeholder; a text recorded plain
 * before sealing existed reads as it was. Staff may not add texts to the conversation of a customer whose
 * key is gone (PERSONAL_DATA_ERASED); the customer's own message after consenting again starts a new key.
 */
export function sealConversationTexts(store: EventStore, vault: CustomerKeyVault): EventStore {
  return new SealedConversationTexts(store, vault);
}

class SealedConversationTexts implements EventStore {
  constructor(
    private readonly store: EventStore,
    private readonly vault: CustomerKeyVault,
  ) {}

  async append(
    stream: string,
    events: readonly NewEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    if (categoryOf(stream) !== CONVERSATION_CATEGORY || !events.some((event) => this.carriesText(event)))
      return this.store.append(stream, events, options);
    const customerId = await this.customerOf(stream, events);
    const sealed = await Promise.all(events.map((event) => this.seal(event, customerId)));
    return this.store.append(stream, sealed, options);
  }

  async read(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return Promise.all((await this.store.read(stream, options)).map((event) => this.open(event)));
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    return Promise.all((await this.store.readAll(options)).map((event) => this.open(event)));
  }

  async *subscribe(options?: SubscribeOptions): AsyncIterable<SubscriptionMessage> {
    for await (const message of this.store.subscribe(options))
      yield message.kind === 'event' ? { kind: 'event', event: await this.open(message.event) } : message;
  }

  headPosition(): Promise<Position | undefined> {
    return this.store.headPosition();
  }

  close(): Promise<void> {
    return this.store.close();
  }

  private carriesText(event: Pick<NewEvent, 'type' | 'data'>): boolean {
    const sealed = SEALED_FIELDS[event.type];
    return sealed !== undefined && typeof (event.data as Record<string, unknown>)[sealed.field] === 'string';
  }

  /** The conversation's customer: from its opening event, in this append or the first of its stream. */
  private async customerOf(stream: string, events: readonly NewEvent[]): Promise<string> {
    const opening =
      events.find((event) => event.type === 'ConversationOpened') ??
      (await this.store.read(stream, { maxCount: 1 }))[0];
    const customerId = (opening?.data as { customerId?: unknown } | undefined)?.customerId;
    if (opening?.type !== 'ConversationOpened' || typeof customerId !== 'string')
      throw new Error(`${stream}: a message for a conversation that was never opened`);
    return customerId;
  }

  private async seal(event: NewEvent, customerId: string): Promise<NewEvent> {
    if (!this.carriesText(event)) return event;
    const { field, alongside = [] } = SEALED_FIELDS[event.type]!;
    const { [field]: text, ...data } = event.data as Record<string, unknown>;
    const sealedAlongside = Object.fromEntries(
      alongside.map((name) => [name, typeof data[name] === 'string' ? data[name] : null]),
    );
    for (const name of alongside) delete data[name];
    // The customer writing under the consent in force may start a new key after a re-consent; staff never do.
    const vault =
      event.metadata.actor === `customer:${customerId}` ? this.vault.forCustomerWithConsent() : this.vault;
    const attachments = attachmentsOf(data);
    const sealed = await vault.seal(customerId, {
      text: text as string,
      ...(attachments === null ? {} : { fileNames: attachments.map((file) => file.fileName ?? null) }),
      ...(alongside.length === 0 ? {} : { alongside: sealedAlongside }),
    } satisfies SealedText);
    const nameless = attachments?.map(({ fileName: _sealed, ...file }) => file);
    return {
      ...event,
      data: { ...data, [field]: sealed, ...(nameless === undefined ? {} : { attachments: nameless }) },
    };
  }

  private async open(event: RecordedEvent): Promise<RecordedEvent> {
    const sealedField = SEALED_FIELDS[event.type];
    if (sealedField === undefined || categoryOf(event.stream) !== CONVERSATION_CATEGORY) return event;
    const data = event.data as Record<string, unknown>;
    const value = data[sealedField.field];
    if (!isSealed(value)) return event;
    const opened = await this.vault.open<SealedText>(value);
    const attachments = attachmentsOf(data)?.map((file, index) => ({
      ...file,
      fileName: opened?.fileNames?.[index] ?? null,
    }));
    return {
      ...event,
      data: {
        ...data,
        [sealedField.field]: opened?.text ?? sealedField.erased,
        ...Object.fromEntries(
          (sealedField.alongside ?? []).map((name) => [name, opened?.alongside?.[name] ?? null]),
        ),
        ...(attachments === undefined ? {} : { attachments }),
      },
    };
  }
}
