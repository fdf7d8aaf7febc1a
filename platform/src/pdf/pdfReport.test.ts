import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { pdfText } from '../testing/pdfText.ts';
import { INSURER_ADDRESS, INSURER_HOTLINE, INSURER_LICENCE, INSURER_NAME } from './insurer.ts';
import { PdfReport } from './pdfReport.ts';

const LONG =
  'Клиент приложил документы, которые подтверждают повреждение автомобиля, и попросил ускорить решение по заявлению, потому что машина нужна ему для работы каждый день';

/** Each line of text on the pages, with where it starts from the page's left edge. */
async function linesOf(pdf: Buffer): Promise<{ text: string; x: number }[]> {
  const document = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
  try {
    const lines: { text: string; x: number }[] = [];
    for (let number = 1; number <= document.numPages; number += 1) {
      for (const item of (await (await document.getPage(number)).getTextContent()).items) {
        if ('str' in item && item.str.trim() !== '')
          lines.push({ text: item.str, x: item.transform[4] as number });
      }
    }
    return lines;
  } finally {
    await document.destroy();
  }
}

describe('PdfReport', () => {
  it('keeps an entry’s wrapped lines indented under its first line, and a paragraph’s at its own indent', async () => {
    const pdf = await new PdfReport({ title: 'Отступы' })
      .entry(`20.04.2026, 12:00 · Клиент: ${LONG}`)
      .text(LONG, { indent: 12 })
      .finish();
    const lines = await linesOf(pdf);
    const entry = lines.findIndex((line) => line.text.startsWith('20.04.2026, 12:00'));
    const paragraph = lines.findIndex(
      (line, index) => index > entry + 1 && line.text.startsWith('Клиент приложил'),
    );
    expect(entry).toBeGreaterThanOrEqual(0);
    expect(paragraph).toBeGreaterThan(entry + 1);
    // The entry: its first line at the margin, every wrapped line 12 points in.
    expect(lines[entry]!.x).toBeCloseTo(50);
    for (const wrapped of lines.slice(entry + 1, paragraph)) expect(wrapped.x).toBeCloseTo(62);
    // The paragraph: every line, the first too, 12 points in.
    expect(lines[paragraph]!.x).toBeCloseTo(62);
    expect(lines[paragraph + 1]!.x).toBeCloseTo(62);
  });

  it('numbers every page and ends each with the insurer’s line; the contacts name licence, address and hotline', async () => {
    const report = new PdfReport({ title: 'Много страниц' });
    for (let line = 1; line <= 120; line += 1) report.entry(`Строка ${line}`);
    const text = (await pdfText(new Uint8Array(await report.insurerContacts().finish()))).replace(
      /[\s\u202f\u00a0]+/g,
      ' ',
    );
    const pages = text.match(/Страница \d+ из \d+/g) ?? [];
    expect(pages.length).toBeGreaterThan(1);
    expect(pages).toEqual(pages.map((_, index) => `Страница ${index + 1} из ${pages.length}`));
    expect(text.split(`${INSURER_NAME} · горячая линия ${INSURER_HOTLINE}`).length - 1).toBe(pages.length);
    for (const fact of [
      'Контакты страховщика',
      INSURER_LICENCE,
      INSURER_ADDRESS,
      `Горячая линия: ${INSURER_HOTLINE}`,
    ]) {
      expect(text).toContain(fact);
    }
  });
});
