import { useCallback } from 'react';
import { createStore, useStore } from '../lib/store';
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

const language = createStore<Language>('en');

/** Picks the saved or the browser's language; called once by the app before it renders. */
export function initLanguage(): void {
  const detected = detectLanguage(readSaved(), navigator.languages ?? [navigator.language]);
  document.documentElement.lang = detected;
  language.set(detected);
}

export function getLanguage(): Language {
  return language.get();
}

export function setLanguage(next: Language): void {
  document.documentElement.lang = next;
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, next);
  } catch {
    // Private modes may refuse storage; the choice then lasts for this session only.
  }
  language.set(next);
}

export function useLanguage(): Language {
  return useStore(language);
}

export type Translate = (key: string, vars?: MessageVars) => string;

export function useT(): Translate {
  const lang = useLanguage();
  return useCallback((key, vars) => translate(lang, key, vars), [lang]);
}
