import { describe, expect, it } from 'vitest';
import { printable } from './printable';

describe('printable', () => {
  it('shows terminal control sequences escaped instead of sending them', () => {
    expect(printable('web\u001b]0;owned\u0007')).toBe('web\\x1b]0;owned\\x07');
    expect(printable('x\u001b]52;c;cm0gLXJmIH4=\u0007')).toBe('x\\x1b]52;c;cm0gLXJmIH4=\\x07');
    expect(printable('a\u009bc\u007f')).toBe('a\\x9bc\\x7f');
    expect(printable('evil\u202efdp.exe')).toBe('evil\\u202efdp.exe');
    expect(printable('line1\nline2')).toBe('line1\\x0aline2');
    expect(printable('line1\nline2', { keepNewlines: true })).toBe('line1\nline2');
    expect(printable('控制节点-1 plain')).toBe('控制节点-1 plain');
  });
});
