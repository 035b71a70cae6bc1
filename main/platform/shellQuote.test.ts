import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { shellCommand, shellQuote } from '../../common/text/shellQuote';

// common/text/shellQuote.ts judged here, where Node can run shells (common/ has no Node types).
// The judge is a real POSIX shell (dash, Debian's /bin/sh) and bash: each quoted word must come back as exactly
// one argument, byte for byte, and nothing in it may run.
function roundTrip(shell: string, args: string[]): string[] {
  const out = execFileSync(shell, ['-c', `printf '%s\\0' ${shellCommand(args)}`], { encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

const HOSTILE = [
  'x;touch /tmp/labvisor-quote-pwned',
  '$(id)',
  '`id`',
  "it's",
  '"double"',
  "'",
  "''",
  '\\',
  'a b  c',
  'line\nbreak',
  '*',
  '~root',
  '-n',
  '',
  '$HOME ${PATH} $((1+1))',
  '&& || | > < >> 2>&1 &',
  '名字 with ünïcode',
];

describe('shellQuote', () => {
  it.each(['/bin/sh', '/bin/bash'])('passes hostile words through %s literally', (shell) => {
    expect(roundTrip(shell, HOSTILE)).toEqual(HOSTILE);
  });

  it('survives random bytes (fuzz)', () => {
    for (let i = 0; i < 200; i++) {
      const words = Array.from({ length: 3 }, () =>
        randomBytes(1 + (i % 40))
          .toString('latin1')
          .replaceAll('\0', 'z'),
      );
      // Compare as bytes: the shell sees UTF-8 of the latin1 string, and gives the same bytes back.
      const back = execFileSync('/bin/sh', ['-c', `printf '%s\\0' ${shellCommand(words)}`]);
      const expected = Buffer.concat(words.map((w) => Buffer.concat([Buffer.from(w, 'utf8'), Buffer.from([0])])));
      expect(back.equals(expected)).toBe(true);
    }
  });

  it('refuses NUL, which no command line can carry', () => {
    expect(() => shellQuote('a\0b')).toThrow(/NUL/);
  });
});
