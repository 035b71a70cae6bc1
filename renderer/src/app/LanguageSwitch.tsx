import { setLanguage, useLanguage, useT } from '../i18n/i18n';
import { LANGUAGES, isLanguage } from '../i18n/languages';

export function LanguageSwitch() {
  const t = useT();
  const language = useLanguage();
  return (
    <select
      className="language-switch"
      aria-label={t('app.language')}
      value={language}
      onChange={(e) => isLanguage(e.target.value) && setLanguage(e.target.value)}
    >
      {LANGUAGES.map((l) => (
        <option key={l.id} value={l.id} lang={l.id}>
          {l.label}
        </option>
      ))}
    </select>
  );
}
