import { useCallback, useSyncExternalStore } from 'react';
import type { MessageVars } from './format';
import { LANGUAGE_STORAGE_KEY, detectLanguage, type Language } from './languages';
import { translate } from './translate';

export { translate };

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

export type Translate = (key: string, vars?: MessageVars) => string;

export function useT(): Translate {
  const lang = useLanguage();
  return useCallback((key, vars) => translate(lang, key, vars), [lang]);
}
