export { mailboxMessages, readEml, type MailboxMessage } from './mailbox.ts';
export { metricsOf, sample } from './prometheus.ts';
export { pdfText } from './pdfText.ts';
export { pdfQrCodes } from './pdfCodes.ts';
