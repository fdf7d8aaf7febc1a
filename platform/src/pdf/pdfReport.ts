import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { INSURER_NAME } from './insurer.ts';

const require = createRequire(import.meta.url);
/** DejaVu Sans covers Cyrillic and the ₽ sign, and ships as an npm package: no system font needed. */
const REGULAR_FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const BOLD_FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

const MARGIN = 50;
const BLACK = '#000000';
const MUTED = '#555555';
const MARK_SIZE = 8;

export interface TextStyle {
  /** In points; 10 unless given. */
  readonly size?: number;
  readonly bold?: boolean;
  /** Grey, for what explains rather than tells. */
  readonly muted?: boolean;
  /** Points from the left margin, kept on every wrapped line. */
  readonly indent?: number;
}

export interface PdfReportOptions {
  /** The document's title in its properties. */
  readonly title: string;
  /**
   * When given: this line at the top of every page after the first, and «Страница N из M» at the foot
   * of every page.
   */
  readonly runningHeader?: string;
}

/**
 * An A4 report in DejaVu Sans, written top to bottom; pdfkit breaks pages as the text flows. The one
 * place the services' reports (claim history, support transcripts) are drawn.
 */
export class PdfReport {
  private readonly doc: PDFKit.PDFDocument;
  private readonly finished: Promise<Buffer>;

  constructor(private readonly options: PdfReportOptions) {
    this.doc = new PDFDocument({
      size: 'A4',
      margin: MARGIN,
      bufferPages: options.runningHeader !== undefined,
      info: { Title: options.title, Author: INSURER_NAME },
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
    this.doc
      .font(style.bold === true ? 'bold' : 'regular')
      .fontSize(style.size ?? 10)
      .fillColor(style.muted === true ? MUTED : BLACK)
      .text(text, MARGIN + indent, undefined, { width: this.width - indent })
      .fillColor(BLACK);
    return this;
  }

  /** «Label: value», the label in grey. */
  field(label: string, value: string): this {
    this.doc
      .font('regular')
      .fontSize(10)
      .fillColor(MUTED)
      .text(`${label}: `, MARGIN, undefined, { width: this.width, continued: true })
      .fillColor(BLACK)
      .text(value);
    return this;
  }

  /** Blank space of this many lines of the current size. */
  gap(lines = 1): this {
    this.doc.moveDown(lines);
    return this;
  }

  /** The finished file, with the running header and page numbers drawn once every page exists. */
  finish(): Promise<Buffer> {
    if (this.options.runningHeader !== undefined) this.markPages(this.options.runningHeader);
    this.doc.end();
    return this.finished;
  }

  private get width(): number {
    return this.doc.page.width - 2 * MARGIN;
  }

  private markPages(header: string): void {
    const { start, count } = this.doc.bufferedPageRange();
    for (let index = start; index < start + count; index += 1) {
      this.doc.switchToPage(index);
      const { page } = this.doc;
      // Drawn in the margins: without this, text below the bottom margin would start a new page.
      const bottom = page.margins.bottom;
      page.margins.bottom = 0;
      this.doc.font('regular').fontSize(MARK_SIZE).fillColor(MUTED);
      if (index > start) this.doc.text(header, MARGIN, MARGIN / 2, { width: this.width, lineBreak: false });
      this.doc.text(
        `Страница ${index - start + 1} из ${count}`,
        MARGIN,
        page.height - MARGIN / 2 - MARK_SIZE,
        {
          width: this.width,
          align: 'right',
          lineBreak: false,
        },
      );
      page.margins.bottom = bottom;
    }
    this.doc.fillColor(BLACK);
  }
}
