import { INSURER_NAME, PdfReport } from '@cabinet/platform/pdf';
import type { ClaimHistoryReport, ClaimHistorySection } from './claimHistoryReport.ts';

/** The claim history report («Сохранить отчет») as an A4 PDF. */
export function renderClaimHistoryPdf(report: ClaimHistoryReport): Promise<Buffer> {
  const pdf = new PdfReport({ title: report.title });
  pdf
    .text(report.title, { bold: true, size: 16 })
    .text(`${INSURER_NAME}. Отчёт сформирован ${report.generatedAt} (время московское).`, {
      size: 9,
      muted: true,
    });
  if (report.sections.length === 0) pdf.gap().text('Заявлений нет.', { size: 11 });
  for (const section of report.sections) drawSection(pdf, section);
  if (report.omitted > 0) {
    pdf
      .gap()
      .text(
        `Ещё заявлений, не вошедших в отчёт: ${report.omitted}. Сохраните отчёт по каждому из них отдельно.`,
        { size: 9, muted: true },
      );
  }
  return pdf.insurerContacts().finish();
}

function drawSection(pdf: PdfReport, section: ClaimHistorySection): void {
  pdf.gap(1.5).text(`Заявление № ${section.number}`, { bold: true, size: 13 });
  if (section.customerName !== null) pdf.field('Клиент', section.customerName);
  pdf.field('Полис', `${section.policyNumber}, ${section.product}`);
  if (section.incidentOn !== null) pdf.field('Дата происшествия', section.incidentOn);
  pdf.field('Подано', section.submittedAt);
  pdf.field('Текущий статус', section.status);
  if (section.adjuster !== null) pdf.field('Урегулировщик', section.adjuster);
  if (section.approvedAmount !== null) pdf.field('Сумма выплаты', section.approvedAmount);
  if (section.payout !== null) {
    const { amount, reference, paidAt } = section.payout;
    pdf.field('Выплачено', `${amount} ${paidAt}, платёж № ${reference}`);
  }

  pdf.gap(0.5).text('Приложенные файлы', { bold: true, size: 11 });
  if (section.files.length === 0) pdf.text('Файлов нет.');
  for (const file of section.files) pdf.entry(`${file.name} — ${file.providedAt}`);

  pdf.gap(0.5).text('Статусы', { bold: true, size: 11 });
  for (const status of section.statuses) pdf.text(`${status.at} — ${status.label}`);

  pdf.gap(0.5).text('История', { bold: true, size: 11 });
  for (const line of section.lines) {
    pdf.gap(0.3).entry(`${line.at} · ${line.who}: ${line.what}`);
    if (line.statusChange !== null)
      pdf.text(`Статус: ${line.statusChange}`, { size: 9, muted: true, indent: 12 });
    if (line.details !== null) pdf.text(line.details, { size: 9, indent: 12 });
  }
}
