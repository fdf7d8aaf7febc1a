import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { INSURER_CONTACTS, INSURER_FOOTER, INSURER_NAME } from './insurer.ts';

const require = createRequire(import.meta.url);
/** DejaVu Sans covers Cyrillic and the ₽ sign, and ships as an npm package: no system font needed. */
const REGULAR_FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const BOLD_FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

const MARGIN = 50;
const BLACK = '#000000';
const MUTED = '#555555';
const MARK_SIZE = 8;
/** Room between a picture at the right margin and the text beside it. */
const ASIDE_GAP = 20;
/** How far the wrapped lines of an entry sit in from its first line, so each entry reads as one. */
const HANGING_INDENT = 12;

export interface TextStyle {
  /** In points; 10 unless given. */
  readonly size?: number;
  readonly bold?: boolean;
  /** Grey, for what explains rather than tells. */
  readonly muted?: boolean;
  /** Points from the left margin, kept on every wrapped line. */
  readonly indent?: number;
}

/** The dark modules of a 2D code, as the `qrcode` package's BitMatrix gives them. */
export interface ModuleMatrix {
  readonly size: number;
  get(row: number, column: number): number | boolean;
}

export interface PdfReportOptions {
  /** The document's title in its properties. */
  readonly title: string;
  readonly subject?: string;
  /** When given: this line at the top of every page after the first. */
  readonly runningHeader?: string;
}

/**
 * An A4 document in DejaVu Sans, written top to bottom; pdfkit breaks pages as the text flows. Every
 * page ends with the insurer's line and «Страница N из M». The one place the services' documents
 * (policy, claim history, support transcripts) are drawn.
 */
export class PdfReport {
  private readonly doc: PDFKit.PDFDocument;
  private readonly finished: Promise<Buffer>;
  /** While text is level with a picture at the right margin, it keeps clear of it. */
  private aside: { readonly bottom: number; readonly width: number; readonly page: number } | null = null;

  constructor(private readonly options: PdfReportOptions) {
    this.doc = new PDFDocument({
      size: 'A4',
      margin: MARGIN,
      bufferPages: true,
      // pdfkit writes every key it is given: an undefined Subject would fail the file.
      info: {
        Title: options.title,
        Author: INSURER_NAME,
        ...(options.subject === undefined ? {} : { Subject: options.subject }),
      },
    });
    const chunks: Buffer[] = [];
    this.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    this.finished = new Promise<Buffer>((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
    });
    this.doc.registerFont('regular', REGULAR_FONT);
    this.doc.registerFont('bold', BOLD_FONT);
  }

  /** A paragraph; long lines wrap within the margins, at the same indent. */
  text(text: string, style: TextStyle = {}): this {
    const indent = style.indent ?? 0;
    this.style(style).text(text, MARGIN + indent, undefined, { width: this.widthFrom(indent) });
    this.doc.fillColor(BLACK);
    return this;
  }

  /**
   * An entry of a list (a history line, a message): its first line at `indent`, its wrapped lines a
   * little further in, so a long entry never reads as the start of the next one.
   */
  entry(text: string, style: TextStyle = {}): this {
    const indent = (style.indent ?? 0) + HANGING_INDENT;
    this.style(style).text(text, MARGIN + indent, undefined, {
      width: this.widthFrom(indent),
      indent: -HANGING_INDENT,
    });
    this.doc.fillColor(BLACK);
    return this;
  }

  /** «Label: value», the label in grey; a wrapped value keeps clear of the margin like an entry's. */
  field(label: string, value: string): this {
    this.style({ muted: true })
      .text(`${label}: `, MARGIN + HANGING_INDENT, undefined, {
        width: this.widthFrom(HANGING_INDENT),
        indent: -HANGING_INDENT,
        continued: true,
      })
      .fillColor(BLACK)
      .text(value);
    return this;
  }

  /** A heading of a part of the document. */
  heading(text: string): this {
    this.clearAside();
    return this.gap(0.6).text(text, { bold: true, size: 12 }).gap(0.2);
  }

  /** Blank space of this many lines of the current size. */
  gap(lines = 1): this {
    this.doc.moveDown(lines);
    return this;
  }

  /**
   * A 2D code (a QR code) at the right margin, level with the next line, drawn as vector squares so
   * the file needs no image library; the text that follows keeps clear of it.
   */
  code(modules: ModuleMatrix, size: number): this {
    const x = MARGIN + this.width - size;
    const y = this.doc.y;
    const cell = size / modules.size;
    for (let row = 0; row < modules.size; row += 1) {
      for (let column = 0; column < modules.size; column += 1) {
        if (modules.get(row, column)) this.doc.rect(x + column * cell, y + row * cell, cell, cell);
      }
    }
    this.doc.fill(BLACK);
    this.aside = { bottom: y + size, width: size + ASIDE_GAP, page: this.pageIndex };
    return this;
  }

  /** Moves below a picture at the right margin, if the text has not passed it yet. */
  clearAside(): this {
    if (this.aside !== null && this.aside.page === this.pageIndex) {
      this.doc.y = Math.max(this.doc.y, this.aside.bottom + ASIDE_GAP / 2);
    }
    this.aside = null;
    return this;
  }

  /** «Контакты страховщика»: name, licence, address and hotline. */
  insurerContacts(): this {
    this.heading('Контакты страховщика');
    for (const line of INSURER_CONTACTS) this.text(line, { size: 9 });
    return this;
  }

  /** The finished file, with the running header, the insurer's line and page numbers on every page. */
  finish(): Promise<Buffer> {
    this.markPages();
    this.doc.end();
    return this.finished;
  }

  private style(style: TextStyle): PDFKit.PDFDocument {
    return this.doc
      .font(style.bold === true ? 'bold' : 'regular')
      .fontSize(style.size ?? 10)
      .fillColor(style.muted === true ? MUTED : BLACK);
  }

  private get width(): number {
    return this.doc.page.width - 2 * MARGIN;
  }

  private get pageIndex(): number {
    const { start, count } = this.doc.bufferedPageRange();
    return start + count - 1;
  }

  /** The width left right of `indent`, less a picture the text is level with. */
  private widthFrom(indent: number): number {
    const beside =
      this.aside !== null && this.aside.page === this.pageIndex && this.doc.y < this.aside.bottom
        ? this.aside.width
        : 0;
    return this.width - indent - beside;
  }

  private markPages(): void {
    const { start, count } = this.doc.bufferedPageRange();
    const header = this.options.runningHeader;
    for (let index = start; index < start + count; index += 1) {
      this.doc.switchToPage(index);
      const { page } = this.doc;
      // Drawn in the margins: without this, text below the bottom margin would start a new page.
      const bottom = page.margins.bottom;
      page.margins.bottom = 0;
      this.doc.font('regular').fontSize(MARK_SIZE).fillColor(MUTED);
      if (header !== undefined && index > start) {
        this.doc.text(header, MARGIN, MARGIN / 2, { width: this.width, lineBreak: false });
      }
      const footerY = page.height - MARGIN / 2 - MARK_SIZE;
      const pageNumber = `Страница ${index - start + 1} из ${count}`;
      const numberWidth = this.doc.widthOfString(pageNumber) + ASIDE_GAP;
      this.doc.text(INSURER_FOOTER, MARGIN, footerY, {
        width: this.width - numberWidth,
        lineBreak: false,
        ellipsis: true,
      });
      this.doc.text(pageNumber, MARGIN, footerY, { width: this.width, align: 'right', lineBreak: false });
      page.margins.bottom = bottom;
    }
    this.doc.fillColor(BLACK);
  }
}
