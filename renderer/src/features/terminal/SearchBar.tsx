import { useState } from 'react';
import { useT } from '../../i18n/i18n';
import type { TerminalSession } from './terminalSession';
import { setSearch } from './terminalsStore';

/** Ctrl+Shift+F: find in the terminal's scrollback; Enter/Shift+Enter step through matches, Esc closes. */
export function SearchBar({ session }: { session: TerminalSession }) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [caseSensitive, setCaseSensitive] = useState(false);
  const [found, setFound] = useState(true);
  const options = {
    caseSensitive,
    decorations: { activeMatchColorOverviewRuler: '#f0a000', matchOverviewRuler: '#888' },
  };

  const close = () => {
    session.search.clearDecorations();
    setSearch(null);
    session.focus();
  };
  const step = (backwards: boolean) => {
    if (!query) return;
    setFound(backwards ? session.search.findPrevious(query, options) : session.search.findNext(query, options));
  };

  return (
    <div className="terminal-search" role="search">
      <input
        autoFocus
        type="search"
        aria-label={t('terminal.search')}
        placeholder={t('terminal.search')}
        value={query}
        aria-invalid={!found}
        onChange={(e) => {
          setQuery(e.target.value);
          setFound(e.target.value === '' || session.search.findNext(e.target.value, { ...options, incremental: true }));
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') step(e.shiftKey);
          else if (e.key === 'Escape') close();
        }}
      />
      <label>
        <input type="checkbox" checked={caseSensitive} onChange={(e) => setCaseSensitive(e.target.checked)} />
        {t('terminal.matchCase')}
      </label>
      <button type="button" onClick={() => step(true)}>
        {t('terminal.previous')}
      </button>
      <button type="button" onClick={() => step(false)}>
        {t('terminal.next')}
      </button>
      {!found && <span className="terminal-search-none">{t('terminal.noMatch')}</span>}
      <button type="button" className="icon-button" aria-label={t('common.close')} onClick={close}>
        ×
      </button>
    </div>
  );
}
