import { describe, expect, it } from 'vitest';
import { messages as bmcEn } from '../bmc/i18n.en';
import { messages as bmcZh } from '../bmc/i18n.zh-CN';
import { messages as powerEn } from './i18n.en';
import { messages as powerZh } from './i18n.zh-CN';

/** Plural variants (`key#one`) are per language; every other key must exist in both. */
const baseKeys = (m: Record<string, string>) =>
  Object.keys(m)
    .filter((k) => !k.includes('#'))
    .sort();

describe('power and BMC messages', () => {
  it.each([
    ['power', powerEn, powerZh],
    ['bmc', bmcEn, bmcZh],
  ])('%s: English and Simplified Chinese have the same keys, all prefixed by the feature', (feature, en, zh) => {
    expect(baseKeys(zh)).toEqual(baseKeys(en));
    for (const key of Object.keys(en)) expect(key.startsWith(`${feature}.`)).toBe(true);
  });

  it('uses the same placeholders in both languages', () => {
    const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [en, zh] of [
      [powerEn, powerZh],
      [bmcEn, bmcZh],
    ] as Record<string, string>[][])
      for (const key of baseKeys(en!)) expect(vars(zh![key]!), key).toEqual(vars(en![key]!));
  });
});
