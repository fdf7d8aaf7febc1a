import { PdfReport } from '@cabinet/platform/pdf';
import type { TranscriptEntry, TranscriptReport } from './transcriptReport.ts';

const INTERNAL_NOTE_MARK = 'ВНУТРЕННЯЯ ЗАМЕТКА — клиенту не видна';

/** A conversation's transcript as an A4 PDF, the conversation named at the top of every page after the first. */
export function renderTranscriptPdf(report: TranscriptReport): Promise<Buffer> {
  const pdf = new PdfReport({
    title: report.title,
    runningHeader: `${report.title} · обращение ${report.conversationId}`,
  });
  pdf
    .text(report.title, { bold: true, size: 16 })
    .text(`Сформировано ${report.generatedAt} (время московское).`, { size: 9, muted: true });
  if (report.view === 'OPERATOR') {
    pdf.text('Служебный документ: содержит внутренние заметки и назначения. Клиенту не передавать.', {
      size: 9,
      bold: true,
    });
  }
  pdf.gap().field('Обращение', report.conversationId);
  pdf.field('Тема', report.topic);
  if (report.subjectId !== null) pdf.field('Полис или заявление', report.subjectId);
  if (report.customerId !== null) pdf.field('Клиент', report.customerId);
  pdf.field('Открыто', report.openedAt);
  pdf.field('Статус', report.closedAt === null ? report.status : `${report.status} ${report.closedAt}`);
  if (report.rating !== null) pdf.field('Оценка клиента', report.rating);

  pdf.gap().text('Переписка', { bold: true, size: 11 });
  for (const entry of report.entries) drawEntry(pdf, entry);

  return pdf.gap().insurerContacts().finish();
}

function drawEntry(pdf: PdfReport, entry: TranscriptEntry): void {
  pdf.gap(0.4);
  switch (entry.kind) {
    case 'MESSAGE':
      pdf.entry(`${entry.at} · ${entry.who}`, { bold: true, size: 9 }).text(entry.text, { indent: 12 });
      return;
    case 'INTERNAL_NOTE':
      pdf
        .entry(`${entry.at} · ${entry.who} · ${INTERNAL_NOTE_MARK}`, { bold: true, size: 9, muted: true })
        .text(entry.text, { indent: 12, muted: true });
      return;
    case 'EVENT':
      pdf.entry(`${entry.at} · ${entry.who}: ${entry.text}`, { size: 9, muted: true });
  }
}
