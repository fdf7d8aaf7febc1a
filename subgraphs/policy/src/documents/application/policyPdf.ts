import { formatForPeople, formatRussianDate, moscowDate, type CalendarDate } from '@cabinet/kernel';
import { INSURER_HOTLINE, INSURER_NAME, PdfReport } from '@cabinet/platform/pdf';
import QRCode from 'qrcode';
import {
  coverageLabel,
  describeInsuredObject,
  instalmentStatusLabel,
  PRODUCT_LABELS,
} from '../../policy/domain/index.ts';
import { holderFullName, type PolicyRecord } from '../../policy/storage/policyRecord.ts';
import { policyStatusText } from './policyCheck.ts';

const QR_SIZE = 120;

/** What the policy asks of a customer on an incident, whatever the product. */
const ON_INCIDENT: readonly string[] = [
  '1. Позаботьтесь о безопасности: при угрозе жизни или здоровью звоните 112.',
  `2. Сообщите о случившемся страховщику как можно скорее: по горячей линии ${INSURER_HOTLINE} или в личном кабинете.`,
  '3. Сохраните то, что подтверждает событие: справки полиции, МЧС или врача, фотографии, чеки; не ремонтируйте и не выбрасывайте повреждённое до осмотра.',
  '4. Подайте заявление о страховом случае в личном кабинете (раздел «Заявления») и приложите документы. Номер полиса — в начале этого документа.',
];

/**
 * The policy as a PDF: number, product, insurer, issue date, holder, period, status on `today` (with
 * the cancellation date of a cancelled one), insured object, coverages, premium and its schedule, what
 * to do on an incident and the insurer's contacts. The QR code holds `checkUrl`, an ASCII link to the
 * public policy check, so any phone's camera opens it.
 */
export async function renderPolicyPdf(
  policy: PolicyRecord,
  today: CalendarDate,
  checkUrl: string,
): Promise<Buffer> {
  const pdf = new PdfReport({ title: `Полис ${policy.number}`, subject: PRODUCT_LABELS[policy.product] });
  pdf
    .code(QRCode.create(checkUrl, { errorCorrectionLevel: 'M' }).modules, QR_SIZE)
    .text(`Полис № ${policy.number}`, { bold: true, size: 18 })
    .text(PRODUCT_LABELS[policy.product], { size: 12 })
    .text(INSURER_NAME, { muted: true })
    .gap(0.5)
    .field('Дата выдачи', formatRussianDate(moscowDate(new Date(policy.issuedAt))))
    .field('Страхователь', holderFullName(policy))
    .field(
      'Срок страхования',
      `с ${formatRussianDate(policy.period.startsOn)} по ${formatRussianDate(policy.period.endsOn)}`,
    )
    .field(`Статус на ${formatRussianDate(today)}`, policyStatusText(policy, today));
  pdf
    .clearAside()
    .text('Проверить подлинность полиса: наведите камеру телефона на QR-код или откройте ссылку', {
      size: 8,
      muted: true,
    })
    .text(checkUrl, { size: 7, muted: true });

  pdf.heading('Объект страхования');
  for (const line of describeInsuredObject(policy.insuredObject)) pdf.entry(line);

  pdf.heading('Страховые покрытия');
  for (const coverage of policy.coverages) {
    pdf.entry(
      `${coverageLabel(coverage.code)}: страховая сумма ${formatForPeople(coverage.sumInsured)}, франшиза ${formatForPeople(coverage.deductible)}`,
    );
  }

  pdf.heading('Страховая премия').text(formatForPeople(policy.premium), { bold: true, size: 12 });
  pdf.text('График платежей:');
  for (const line of policy.instalments) {
    const kind = line.kind === 'ADJUSTMENT' ? ' (изменение условий)' : '';
    pdf.entry(
      `${formatRussianDate(line.dueOn)} — ${formatForPeople(line.amount)}${kind}, ${instalmentStatusLabel(line)}`,
    );
  }

  pdf.heading('Что делать при страховом случае');
  for (const step of ON_INCIDENT) pdf.entry(step);

  return pdf.insurerContacts().finish();
}
