import { ALERT_STATES, COLLECTOR_STATES, REACH_STATES } from '../../../common/contract/metrics';
import { describe, expect, it } from 'vitest';
import { HOST_KINDS } from '../../../common/domain/host';
import { BOOT_DEVICES, DRIVER_KINDS, POWER_ACTIONS, POWER_STATES } from '../../../common/domain/power';
import { HEALTH_LEVELS, SENSOR_KINDS } from '../../../common/domain/bmc';
import { EXPORT_FORMATS, IMPORT_ACTIONS, IMPORT_ENCODINGS, IMPORT_FORMATS } from '../../../common/contract/inventory';
import { PROGRESS_PHASES } from '../../../common/contract/power';
import { PROMPT_KINDS } from '../../../common/contract/ssh';
import { ERROR_CODES } from '../../../common/result';
import { DOMAIN_STATES, SNAPSHOT_KINDS } from '../../../common/domain/virt';
import type { Grouping } from '../features/inventory/hostTree';
import type { SessionState } from '../features/terminal/terminalSession';
import type { VncState } from '../features/console/vncSession';
import { catalogModules, type Messages } from './catalog';
import { LANGUAGES, type Language } from './languages';
import { translate } from './translate';

/** Every catalogue in the renderer, found independently of catalog.ts so a file it misses is noticed. */
const files = import.meta.glob<Messages>(['../**/i18n.*.ts', '!**/*.test.ts'], { eager: true, import: 'messages' });
const sources = import.meta.glob<string>(['../**/*.{ts,tsx}', '!**/*.test.{ts,tsx}', '!**/i18n.*.ts'], {
  eager: true,
  query: '?raw',
  import: 'default',
});

const keysOf = <T extends string>(record: Record<T, true>) => Object.keys(record) as T[];

/** Each `t(`prefix.${value}`)` in the code, with every value it can take. */
const FAMILIES: Record<string, readonly string[]> = {
  errors: ERROR_CODES,
  'common.driver': DRIVER_KINDS,
  'inventory.kind': HOST_KINDS,
  'inventory.tree.by': keysOf<Grouping>({ layer: true, cluster: true }),
  'inventory.export': EXPORT_FORMATS,
  'inventory.import.format': IMPORT_FORMATS,
  'inventory.import.action': IMPORT_ACTIONS,
  'inventory.import.encoding': IMPORT_ENCODINGS,
  'inventory.import.encodingUsed': ['bom', 'detected', 'chosen'],
  'inventory.import.step': ['source', 'preview', 'done'],
  'inventory.import.busy': ['reading', 'committing'],
  'inventory.import.col': [
    'include',
    'line',
    'action',
    'name',
    'address',
    'kind',
    'layer',
    'parent',
    'cluster',
    'role',
    'messages',
  ],
  // Address labels are free text; the suggested ones have names, anything else is shown as typed.
  'inventory.addressLabel': ['management', 'data', 'external', 'bmc', 'other'],
  'inventory.vm': ['on', 'soft', 'reboot', 'cycle', 'reset', 'off', 'suspend', 'resume'],
  'inventory.vm.consequence': ['soft', 'reboot', 'cycle', 'reset', 'off'],
  'ssh.prompt.title': PROMPT_KINDS,
  'terminal.state': keysOf<SessionState>({ connecting: true, live: true, ended: true }),
  'power.action': POWER_ACTIONS,
  'power.consequence': POWER_ACTIONS,
  'power.boot': BOOT_DEVICES,
  'power.state': POWER_STATES,
  'power.level': HEALTH_LEVELS,
  'metrics.state': REACH_STATES,
  'metrics.alert.state': ALERT_STATES,
  'metrics.collector': ['off', 'failed', 'retrying'] satisfies (typeof COLLECTOR_STATES)[number][],
  'metrics.by': ['cpu', 'mem', 'disk', 'net'],
  'metrics.rules.kind': ['threshold', 'unreachable', 'vmState', 'bmc'],
  'metrics.rules.cond': ['above', 'below'],
  'app.bmcCard.level': HEALTH_LEVELS,
  'power.phase': PROGRESS_PHASES,
  'power.tab': ['hosts', 'sequences'],
  'bmc.kind': SENSOR_KINDS,
  'bmc.tab': ['sensors', 'sel', 'info', 'console'],
  'virt.state': DOMAIN_STATES,
  'virt.action': ['create', 'update', 'unchanged'],
  'virt.matchedBy': ['uuid', 'name', 'mac', 'ip'],
  'virt.snapshotKind': SNAPSHOT_KINDS,
  // Lifecycle confirmations by power action, plus the snapshot ones named literally.
  'virt.confirm': ['soft', 'reboot', 'off', 'reset', 'revert', 'delete'],
  'console.state': keysOf<VncState>({
    connecting: true,
    password: true,
    connected: true,
    reconnecting: true,
    ended: true,
  }),
};

const PLURAL = /^(.*)#(zero|one|two|few|many|other)$/;
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

interface Feature {
  dir: string;
  byLanguage: Partial<Record<Language, Messages>>;
}

function features(): Feature[] {
  const byDir = new Map<string, Feature>();
  for (const [path, messages] of Object.entries(files)) {
    const match = /^(.*)\/i18n\.([\w-]+)\.ts$/.exec(path);
    if (!match) throw new Error(`unexpected catalogue path ${path}`);
    const [, dir, language] = match as unknown as [string, string, Language];
    const feature = byDir.get(dir!) ?? { dir: dir!, byLanguage: {} };
    feature.byLanguage[language] = messages;
    byDir.set(dir!, feature);
  }
  return [...byDir.values()];
}

function allMessages(language: Language): Messages {
  return Object.assign({}, ...features().map((f) => f.byLanguage[language] ?? {})) as Messages;
}

const baseKeys = (messages: Messages) => Object.keys(messages).filter((k) => !PLURAL.test(k));

describe('i18n catalogues', () => {
  it('are all loaded by the app, one per language for every feature', () => {
    expect(Object.keys(catalogModules()).sort()).toEqual(Object.keys(files).sort());
    for (const f of features()) expect(Object.keys(f.byLanguage).sort(), f.dir).toEqual(['en', 'zh-CN']);
  });

  it('have the same keys and placeholders in every language', () => {
    for (const f of features()) {
      const en = f.byLanguage.en!;
      for (const { id } of LANGUAGES) {
        const other = f.byLanguage[id]!;
        expect(baseKeys(other).sort(), `${f.dir} ${id}`).toEqual(baseKeys(en).sort());
        for (const key of baseKeys(en))
          expect(placeholders(other[key]!), `${id} ${key}`).toEqual(placeholders(en[key]!));
      }
    }
  });

  it('prefix every key with the feature name', () => {
    for (const f of features()) {
      const feature = f.dir.split('/').pop()!;
      const prefixes = feature === 'app' ? ['app.', 'common.', 'errors.'] : [`${feature}.`];
      for (const key of Object.keys(f.byLanguage.en!)) {
        expect(
          prefixes.some((p) => key.startsWith(p)),
          `${f.dir}: ${key}`,
        ).toBe(true);
      }
    }
  });

  it('name plural variants key#category, for a category the language has, next to the base key', () => {
    for (const { id } of LANGUAGES) {
      const messages = allMessages(id);
      const categories = new Intl.PluralRules(id).resolvedOptions().pluralCategories;
      for (const key of Object.keys(messages)) {
        const match = PLURAL.exec(key);
        if (match) {
          expect(messages[match[1]!], `${id} ${key} has no base key`).toBeDefined();
          expect(categories, `${id} ${key}`).toContain(match[2]);
          expect(placeholders(messages[key]!).every((p) => placeholders(messages[match[1]!]!).includes(p))).toBe(true);
        }
        // `key.one` next to `key` is a plural variant spelled so that it never applies.
        const dotted = /^(.*)\.(zero|one|two|few|many)$/.exec(key);
        if (dotted) expect(messages[dotted[1]!], `${id} ${key} should be ${dotted[1]}#${dotted[2]}`).toBeUndefined();
      }
    }
  });

  it('resolve plural forms when a count is given', () => {
    expect(translate('en', 'terminal.broadcasting', { count: 1 })).toBe(
      'Broadcasting: what you type goes to 1 terminal',
    );
    expect(translate('en', 'terminal.broadcasting', { count: 3 })).toBe(
      'Broadcasting: what you type goes to 3 terminals',
    );
    expect(translate('en', 'terminal.pasteWarning', { count: 1 })).toContain('1 line.');
    expect(translate('en', 'terminal.pasteWarning', { count: 2 })).toContain('2 lines.');
    expect(translate('zh-CN', 'terminal.pasteWarning', { count: 1 })).toContain('1 行');
    for (const { id } of LANGUAGES) {
      const messages = allMessages(id);
      for (const key of baseKeys(messages)) {
        if (!placeholders(messages[key]!).includes('count')) continue;
        for (const count of [0, 1, 2, 5]) expect(translate(id, key, { count, total: 9 })).not.toMatch(/\{count\}/);
      }
    }
  });

  it('cover every value of every dynamic key family used in the code', () => {
    const used = new Set<string>();
    for (const [path, text] of Object.entries(sources)) {
      for (const m of text.matchAll(/\b(?:t|translate\([^,()]+,)\s*\(?\s*`([\w.-]+)\.\$\{/g)) {
        expect(FAMILIES, `${path}: add the key family ${m[1]} to this test`).toHaveProperty([m[1]!]);
        used.add(m[1]!);
      }
    }
    expect([...used].sort()).toEqual(Object.keys(FAMILIES).sort());
    for (const { id } of LANGUAGES) {
      const messages = allMessages(id);
      for (const [family, values] of Object.entries(FAMILIES)) {
        for (const value of values) expect(messages[`${family}.${value}`], `${id} ${family}.${value}`).toBeDefined();
      }
    }
  });
});
