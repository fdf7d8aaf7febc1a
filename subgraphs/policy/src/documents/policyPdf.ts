import { createRequire } from 'node:module';
import { formatForPeople, formatRussianDate, type CalendarDate } from '@cabinet/kernel';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import {
  coverageLabel,
  instalmentStatusLabel,
  POLICY_STATUS_LABELS,
  PRODUCT_LABELS,
  statusOn,
} from '../policy/domain/index.ts';
import { describeInsuredObject } from '../policy/insuredObjectText.ts';
import { holderFullName, type PolicyRecord } from '../policy/policyRecord.ts';

const require = createRequire(import.meta.url);
/** DejaVu Sans has full Cyrillic and the ₽ sign; it ships as an npm package, so no system font is needed. */
const REGULAR_FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const BOLD_FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

const MARGIN = 50;
const QR_SIZE = 110;
const INSURER = 'АО «Страховая компания»';

/**
 * The policy as a PDF: number, product, holder, period, insured object, coverages, premium and its
 * schedule, its status on `today`, and a QR code with the policy number for checking it at a glance. The QR code is drawn
 * as vector squares, so the file needs no image library.
 */
export async function renderPolicyPdf(policy: PolicyRecord, today: CalendarDate): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: `Полис ${policy.number}`, Author: INSURER, Subject: PRODUCT_LABELS[policy.product] },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', REGULAR_FONT);
  doc.registerFont('bold', BOLD_FONT);

  drawQrCode(doc, policy.number, doc.page.width - MARGIN - QR_SIZE, MARGIN);
  const textWidth = doc.page.width - 2 * MARGIN - QR_SIZE - 20;
  doc.font('bold').fontSize(18).text(`Полис № ${policy.number}`, MARGIN, MARGIN, { width: textWidth });
  doc.font('regular').fontSize(12).text(PRODUCT_LABELS[policy.product], { width: textWidth });
  doc.fontSize(10).fillColor('#555').text(INSURER, { width: textWidth }).fillColor('#000');
  doc.moveDown();
  field(doc, 'Страхователь', holderFullName(policy), textWidth);
  field(
    doc,
    'Срок страхования',
    `с ${formatRussianDate(policy.period.startsOn)} по ${formatRussianDate(policy.period.endsOn)}`,
    textWidth,
  );
  field(
    doc,
    `Статус на ${formatRussianDate(today)}`,
    POLICY_STATUS_LABELS[statusOn(policy, today)],
    textWidth,
  );
  doc.y = Math.max(doc.y, MARGIN + QR_SIZE + 10);

  section(doc, 'Объект страхования');
  for (const line of describeInsuredObject(policy.insuredObject)) doc.font('regular').fontSize(10).text(line);

  section(doc, 'Страховые покрытия');
  for (const coverage of policy.coverages) {
    doc
      .font('regular')
      .fontSize(10)
      .text(
        `${coverageLabel(coverage.code)}: страховая сумма ${formatForPeople(coverage.sumInsured)}, франшиза ${formatForPeople(coverage.deductible)}`,
      );
  }

  section(doc, 'Страховая премия');
  doc.font('bold').fontSize(12).text(formatForPeople(policy.premium));
  doc.font('regular').fontSize(10).text('График платежей:');
  for (const line of policy.instalments) {
    const kind = line.kind === 'ADJUSTMENT' ? ' (изменение условий)' : '';
    doc.text(
      `${formatRussianDate(line.dueOn)} — ${formatForPeople(line.amount)}${kind}, ${instalmentStatusLabel(line)}`,
    );
  }

  doc.end();
  return finished;
}

function field(doc: PDFKit.PDFDocument, label: string, value: string, width: number): void {
  doc.font('regular').fontSize(9).fillColor('#555').text(label, MARGIN, doc.y, { width });
  doc.font('regular').fontSize(11).fillColor('#000').text(value, { width });
  doc.moveDown(0.3);
}

function section(doc: PDFKit.PDFDocument, title: string): void {
  doc.moveDown();
  doc.font('bold').fontSize(12).text(title, MARGIN, doc.y);
  doc.moveDown(0.2);
}

function drawQrCode(doc: PDFKit.PDFDocument, text: string, x: number, y: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const cell = QR_SIZE / modules.size;
  for (let row = 0; row < modules.size; row += 1) {
    for (let column = 0; column < modules.size; column += 1) {
      if (modules.get(row, column)) doc.rect(x + column * cell, y + row * cell, cell, cell);
    }
  }
  doc.fill('#000');
}
