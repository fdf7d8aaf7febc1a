import { join } from 'node:path';
import { mailboxMessages, type MailboxMessage } from '@cabinet/platform/testing';
import type { TestSystem } from './testSystem.ts';

/** The messages the system's services wrote to the embedded profile's mailbox (`<DATA_DIR>/mailbox/*.eml`). */
export function mailboxOf(system: TestSystem): Promise<MailboxMessage[]> {
  return mailboxMessages(join(system.dataDir, 'mailbox'));
}
