import { messagesFor } from './catalog';
import { interpolate, type MessageVars } from './format';
import type { Language } from './languages';

const plural = new Map<Language, Intl.PluralRules>();

function pluralRules(lang: Language): Intl.PluralRules {
  let rules = plural.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules(lang);
    plural.set(lang, rules);
  }
  return rules;
}

/**
 * Looks a key up in the current language, falling back to English and then to the key itself. With a numeric
 * `count`, a plural variant `key#one` (per Intl.PluralRules) wins over `key` when the language has one.
 */
export function translate(lang: Language, key: string, vars?: MessageVars): string {
  const messages = messagesFor(lang);
  let template = messages[key] ?? messagesFor('en')[key];
  if (vars && typeof vars.count === 'number') {
    template = messages[`${key}#${pluralRules(lang).select(vars.count)}`] ?? template;
  }
  return interpolate(template ?? key, vars);
}
