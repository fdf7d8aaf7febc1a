import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { INSURER_CONTACTS, INSURER_HOTLINE, INSURER_NAME } from '../pdf/insurer.ts';

/** What every letter of the insurer's carries around its content. */
export interface LetterFrame {
  readonly subject: string;
  /** «Иван Иванович»: the letter greets the customer by name; null: «Здравствуйте!». */
  readonly greetingName: string | null;
  /** The page of the customer's cabinet the letter is about, and what the link to it says. */
  readonly action: { readonly label: string; readonly url: string };
}

/** A letter's two alternative parts. */
export interface RenderedLetter {
  readonly html: string;
  readonly text: string;
}

export type LetterTemplate<Content> = (content: Content, frame: LetterFrame) => RenderedLetter;

const handlebars = Handlebars.create();

/**
 * Strict: a value the template names but the data lacks is an error, not a silently empty line.
 * The HTML part escapes every value; the plain-text part must not, or «ООО "Ромашка"» would read `&quot;`.
 */
function compile<Data>(file: URL, part: 'html' | 'text'): HandlebarsTemplateDelegate<Data> {
  return handlebars.compile<Data>(readFileSync(file, 'utf8'), { strict: true, noEscape: part === 'text' });
}

interface LayoutData extends LetterFrame {
  readonly insurer: { readonly name: string; readonly hotline: string; readonly contacts: readonly string[] };
  readonly content: string;
}

const layout = {
  html: compile<LayoutData>(new URL('./insurerLetter.html.hbs', import.meta.url), 'html'),
  text: compile<LayoutData>(new URL('./insurerLetter.txt.hbs', import.meta.url), 'text'),
};

const INSURER = { name: INSURER_NAME, hotline: INSURER_HOTLINE, contacts: INSURER_CONTACTS };

/**
 * A kind of letter: its content templates `<base>.html.hbs` and `<base>.txt.hbs` (beside the code that
 * sends it) inside the insurer's one layout, which greets the customer, links to the cabinet and signs
 * with the insurer's name and contacts. The files are read once, when the kind is defined.
 */
export function letterTemplate<Content extends object>(base: URL): LetterTemplate<Content> {
  const content = {
    html: compile<Content>(new URL(`${base.href}.html.hbs`), 'html'),
    text: compile<Content>(new URL(`${base.href}.txt.hbs`), 'text'),
  };
  return (data, frame) => ({
    html: layout.html({ ...frame, insurer: INSURER, content: content.html(data) }),
    text: layout.text({ ...frame, insurer: INSURER, content: content.text(data).trim() }),
  });
}
