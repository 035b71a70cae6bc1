import { useId, useMemo, useState } from 'react';
import { primaryAddress } from '../../../common/domain/hostValues';
import { useT } from '../i18n/i18n';
import { Dialog } from '../ui/Dialog';
import { filterHosts, indexHosts } from '../features/inventory/hostSearch';
import { useHosts } from '../features/inventory/hostsStore';

const LIMIT = 50;

/** Ctrl+K: type part of a name, alias, address or note, Enter jumps to that host. */
export function QuickSearch({ onPick, onClose }: { onPick: (hostId: number) => void; onClose: () => void }) {
  const t = useT();
  const { hosts } = useHosts();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const index = useMemo(() => indexHosts(hosts ?? []), [hosts]);
  const results = useMemo(() => {
    const q = query.trim().toLowerCase();
    const found = filterHosts(index, q);
    // Names that start with what was typed come first: that is usually the host meant.
    const starts = found.filter((h) => h.host.name.toLowerCase().startsWith(q));
    const rest = found.filter((h) => !h.host.name.toLowerCase().startsWith(q));
    return [...starts, ...rest].slice(0, LIMIT).map((h) => h.host);
  }, [index, query]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => Math.max(0, Math.min(results.length - 1, a + step)));
    } else if (e.key === 'Enter' && results[active]) {
      e.preventDefault();
      onPick(results[active].id);
    }
  };

  return (
    <Dialog title={t('app.quickSearch.title')} onClose={onClose} size="small" closeLabel={t('common.close')}>
      <input
        type="search"
        className="quick-search-input"
        data-autofocus
        role="combobox"
        aria-label={t('app.quickSearch.label')}
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={results[active] ? `${listId}-${results[active].id}` : undefined}
        placeholder={t('app.quickSearch.placeholder')}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" className="quick-search-results" aria-label={t('app.quickSearch.results')}>
        {results.map((host, i) => (
          <li
            key={host.id}
            id={`${listId}-${host.id}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            onMouseMove={() => setActive(i)}
            onClick={() => onPick(host.id)}
          >
            <span className="qs-name">{host.name}</span>
            <span className="qs-meta">{primaryAddress(host) ?? ''}</span>
            <span className="qs-meta">{host.cluster ?? ''}</span>
          </li>
        ))}
        {results.length === 0 && <li className="qs-empty">{t('app.quickSearch.none')}</li>}
      </ul>
    </Dialog>
  );
}
