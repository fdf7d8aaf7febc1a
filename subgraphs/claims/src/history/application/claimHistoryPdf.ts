import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { ClaimHistoryReport, ClaimHistorySection } from './claimHistoryReport.ts';

const require = createRequire(import.meta.url);
/** DejaVu Sans covers Cyrillic and the ₽ sign, and ships as an npm package: no system font needed. */
const REGULAR_FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const BOLD_FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

const MARGIN = 50;
const INSURER = 'АО «Страховая компания»';
const MUTED = '#555555';

/** The claim history report («Сохранить отчет») as an A4 PDF; pdfkit breaks pages as the text flows. */
export function renderClaimHistoryPdf(report: ClaimHistoryReport): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: report.title, Author: INSURER },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', REGULAR_FONT);
  doc.registerFont('bold', BOLD_FONT);

  doc.font('bold').fontSize(16).text(report.title);
  doc
    .font('regular')
    .fontSize(9)
    .fillColor(MUTED)
    .text(`${INSURER}. Отчёт сформирован ${report.generatedAt} (время московское).`)
    .fillColor('#000000');
  if (report.sections.length === 0) {
    doc.moveDown().font('regular').fontSize(11).text('Заявлений нет.');
  }
  for (const section of report.sections) drawSection(doc, section);
  if (report.omitted > 0) {
    doc
      .moveDown()
      .font('regular')
      .fontSize(9)
      .fillColor(MUTED)
      .text(
        `Ещё заявлений, не вошедших в отчёт: ${report.omitted}. Сохраните отчёт по каждому из них отдельно.`,
      );
  }
  doc.end();
  return finished;
}

function drawSection(doc: PDFKit.PDFDocument, section: ClaimHistorySection): void {
  doc.moveDown(1.5);
  doc.font('bold').fontSize(13).text(`Заявление № ${section.number}`, MARGIN);
  field(doc, 'Полис', `${section.policyNumber}, ${section.product}`);
  field(doc, 'Подано', section.submittedAt);
  field(doc, 'Текущий статус', section.status);
  if (section.approvedAmount !== null) field(doc, 'Сумма выплаты', section.approvedAmount);

  doc.moveDown(0.5).font('bold').fontSize(11).text('Статусы');
  for (const status of section.statuses) {
    doc.font('regular').fontSize(10).text(`${status.at} — ${status.label}`);
  }

  doc.moveDown(0.5).font('bold').fontSize(11).text('История');
  for (const line of section.lines) {
    doc.moveDown(0.3);
    doc.font('regular').fontSize(10).text(`${line.at} · ${line.who}: ${line.what}`);
    if (line.statusChange !== null) {
      doc
        .fontSize(9)
        .fillColor(MUTED)
        .text(`Статус: ${line.statusChange}`, { indent: 12 })
        .fillColor('#000000');
    }
    if (line.details !== null) doc.fontSize(9).text(line.details, { indent: 12 });
  }
}

function field(doc: PDFKit.PDFDocument, label: string, value: string): void {
  doc.font('regular').fontSize(10).fillColor(MUTED).text(`${label}: `, { continued: true });
  doc.fillColor('#000000').text(value);
}
