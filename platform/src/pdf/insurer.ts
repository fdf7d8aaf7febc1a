/** Who issues the documents, as every PDF names it. */
export const INSURER_NAME = 'АО «Страховая компания»';

/** How a customer reaches the insurer, printed where a document says whom to ask. */
export const INSURER_CONTACTS: readonly string[] = [
  `${INSURER_NAME}, ИНН 7707083893`,
  '125009, г. Москва, ул. Тверская, д. 1',
  'Вопросы — в чате поддержки личного кабинета',
];

/** The insurer's free customer line, named in its letters to customers. */
export const INSURER_HOTLINE = '8 800 100-00-00';
