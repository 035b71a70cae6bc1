import type { Language } from './languages';

export type Messages = Readonly<Record<string, string>>;

/**
 * Every feature keeps its own `i18n.en.ts` / `i18n.zh-CN.ts` exporting `messages`; they are found here by file
 * name, so adding a feature never means editing a shared message file. Keys are prefixed by the feature name.
 */
const modules = import.meta.glob<Messages>(['../app/i18n.*.ts', '../features/*/i18n.*.ts', '!**/*.test.ts'], {
  eager: true,
  import: 'messages',
});

function languageOfPath(path: string): string | null {
  return /i18n\.([\w-]+)\.ts$/.exec(path)?.[1] ?? null;
}

function build(): Record<string, Record<string, string>> {
  const catalog: Record<string, Record<string, string>> = {};
  for (const [path, messages] of Object.entries(modules)) {
    const language = languageOfPath(path);
    if (language) Object.assign((catalog[language] ??= {}), messages);
  }
  return catalog;
}

const catalog = build();

export function messagesFor(language: Language): Messages {
  return catalog[language] ?? {};
}

export function catalogModules(): Record<string, Messages> {
  return modules;
}
