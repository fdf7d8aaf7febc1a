import { describe, expect, it } from 'vitest';
import { cannedReplyContent } from './cannedReply.ts';

describe('cannedReplyContent', () => {
  it('trims the title and the text', () => {
    expect(cannedReplyContent({ title: ' Продление ', text: ' Полис можно продлить за 30 дней. ' })).toEqual({
      title: 'Продление',
      text: 'Полис можно продлить за 30 дней.',
    });
  });

  it.each([
    ['a blank title', { title: '  ', text: 'Текст' }, 'title'],
    ['a title over 100 characters', { title: 'я'.repeat(101), text: 'Текст' }, 'title'],
    ['a blank text', { title: 'Название', text: '' }, 'text'],
    ['a text over 4 000 characters', { title: 'Название', text: 'я'.repeat(4_001) }, 'text'],
  ])('refuses %s', (_case, input, field) => {
    expect(() => cannedReplyContent(input)).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', details: { field } }),
    );
  });
});
