import { describe, expect, it } from 'vitest';
import { normalizeFileName } from './fileName.ts';

describe('a document’s file name', () => {
  it.each([
    ['акт о заливе.pdf', 'акт о заливе.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\Windows\\system.ini', 'system.ini'],
    ['C:\\Users\\ivanova\\Desktop\\фото.jpg', 'фото.jpg'],
    ['скан\u0000.pdf', 'скан .pdf'],
    ['акт.pdf\r\nX-Injected: 1', 'акт.pdf X-Injected: 1'],
    ['счёт\u202egpj.exe', 'счёт gpj.exe'],
    ['.htaccess', 'htaccess'],
    ['  много    пробелов  .pdf ', 'много пробелов .pdf'],
    ['file.pdf...', 'file.pdf'],
    ['е\u0308лка.pdf', 'ёлка.pdf'],
  ])('keeps %j as %j', (raw, kept) => {
    expect(normalizeFileName(raw)).toBe(kept);
  });

  it.each(['', '   ', '..', '../', '\u0000\u0007', 'folder/'])('leaves nothing of %j', (raw) => {
    expect(normalizeFileName(raw)).toBe('');
  });
});
