/** Who issues the documents, as every PDF names it. */
export const INSURER_NAME = 'АО «Страховая компания»';

/** The Bank of Russia licence every insurance document must name. */
export const INSURER_LICENCE = 'Лицензия Банка России СИ № 0000 от 01.01.2020';

export const INSURER_ADDRESS = '125009, г. Москва, ул. Тверская, д. 1';

/** The round-the-clock line: the one number a customer calls on an incident. */
export const INSURER_HOTLINE = '8 800 100-00-00';

/** How a customer reaches the insurer, printed where a document says whom to ask. */
export const INSURER_CONTACTS: readonly string[] = [
  `${INSURER_NAME}, ИНН 7707083893`,
  INSURER_LICENCE,
  `Адрес: ${INSURER_ADDRESS}`,
  `Горячая линия: ${INSURER_HOTLINE} (круглосуточно, звонок по России бесплатный)`,
  'Вопросы — в чате поддержки личного кабинета',
];

/** The line at the foot of every page of every document. */
export const INSURER_FOOTER = `${INSURER_NAME} · горячая линия ${INSURER_HOTLINE}`;
