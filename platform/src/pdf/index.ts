export * from './insurer.ts';
export * from './moscowTime.ts';
export * from './pdfReport.ts';
