import { Suspense, useEffect, useState } from 'react';
import { useT } from '../i18n/i18n';
import { SearchIcon } from '../ui/icons';
import { matchesHotkey } from './hotkeys';
import { LanguageSwitch } from './LanguageSwitch';
import { useHomeView } from './homeView';
import { navigate, useRoute } from './navigation';
import { QuickSearch } from './QuickSearch';
import { VIEWS } from './views';
import { SshPromptDialog } from '../features/ssh/SshPromptDialog';

const QUICK_SEARCH_HOTKEY = 'Mod+K';

/** The shell: a navigation rail built from the view registry, a top bar with quick search and language. */
export function App() {
  const t = useT();
  // No view in the URL: the home view is chosen (and written into the URL) once the inventory has answered.
  const route = useRoute('');
  const choosingHome = route.view === '';
  useHomeView(choosingHome);
  const [searching, setSearching] = useState(false);
  const view = VIEWS.find((v) => v.id === route.view) ?? VIEWS[0]!;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (matchesHotkey(e, QUICK_SEARCH_HOTKEY) || matchesHotkey(e, 'Ctrl+K')) {
        e.preventDefault();
        setSearching(true);
        return;
      }
      const target = VIEWS.find((v) => matchesHotkey(e, v.hotkey));
      if (target) {
        e.preventDefault();
        navigate({ view: target.id, hostId: null });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const View = view.component;
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">Labvisor</span>
        <button type="button" className="quick-search-button" onClick={() => setSearching(true)}>
          <SearchIcon />
          <span>{t('app.quickSearch.button')}</span>
          <kbd>Ctrl K</kbd>
        </button>
        <span className="topbar-spacer" />
        <LanguageSwitch />
      </header>
      <nav className="rail" aria-label={t('app.nav')}>
        {VIEWS.map((v) => (
          <button
            key={v.id}
            type="button"
            className="rail-item"
            aria-current={!choosingHome && v.id === view.id ? 'page' : undefined}
            title={`${t(v.labelKey)} (${v.hotkey})`}
            onClick={() => navigate({ view: v.id, hostId: null })}
          >
            <v.icon />
            <span>{t(v.labelKey)}</span>
          </button>
        ))}
      </nav>
      <main className="view" aria-label={t(view.labelKey)}>
        {choosingHome ? (
          <p className="loading">{t('common.loading')}</p>
        ) : (
          <Suspense fallback={<p className="loading">{t('common.loading')}</p>}>
            <View hostId={route.hostId} />
          </Suspense>
        )}
      </main>
      <SshPromptDialog />
      {searching && (
        <QuickSearch
          onClose={() => setSearching(false)}
          onPick={(hostId) => {
            setSearching(false);
            navigate({ view: 'hosts', hostId });
          }}
        />
      )}
    </div>
  );
}
