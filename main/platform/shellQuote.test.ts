import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellQuote } from './shellQuote';

describe('shellQuote', () => {
  it('makes sh see every argument literally', () => {
    const hostile = ["it's", '$(id)', '`id`', 'a b\tc\nd', '-rf', '"', "'", '\\', '*', '~', '!x', ';id', ''];
    const script = `printf '%s\\0' ${hostile.map(shellQuote).join(' ')}`;
    const out = execFileSync('sh', ['-c', script]).toString().split('\0').slice(0, -1);
    expect(out).toEqual(hostile);
  });
});
