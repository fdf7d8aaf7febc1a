export { metricsOf, sample } from './prometheus.ts';
export { pdfText } from './pdfText.ts';
