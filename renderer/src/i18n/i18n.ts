import { useCallback, useSyncExternalStore } from 'react';
import { messagesFor } from './catalog';
import { interpolate, type MessageVars } from './format';
import { LANGUAGE_STORAGE_KEY, detectLanguage, type Language } from './languages';

function readSaved(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null;
  }
}

let language: Language = detectLanguage(readSaved(), navigator.languages ?? [navigator.language]);
const listeners = new Set<() => void>();
document.documentElement.lang = language;

export function getLanguage(): Language {
  return language;
}

export function setLanguage(next: Language): void {
  language = next;
  document.documentElement.lang = next;
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, next);
  } catch {
    // Private modes may refuse storage; the choice then lasts for this session only.
  }
  for (const l of listeners) l();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useLanguage(): Language {
  return useSyncExternalStore(subscribe, getLanguage);
}

const plural = new Map<Language, Intl.PluralRules>();

/**
 * Looks a key up in the current language, falling back to English and then to the key itself. With a numeric
 * `count`, a plural variant `key#one` (per Intl.PluralRules) wins over `key` when the language has one.
 */
export function translate(lang: Language, key: string, vars?: MessageVars): string {
  const messages = messagesFor(lang);
  let template = messages[key] ?? messagesFor('en')[key];
  if (vars && typeof vars.count === 'number') {
    const rules = plural.get(lang) ?? new Intl.PluralRules(lang);
    plural.set(lang, rules);
    template = messages[`${key}#${rules.select(vars.count)}`] ?? template;
  }
  return interpolate(template ?? key, vars);
}

export type Translate = (key: string, vars?: MessageVars) => string;

export function useT(): Translate {
  const lang = useLanguage();
  return useCallback((key, vars) => translate(lang, key, vars), [lang]);
}
