import { useSyncExternalStore } from 'react';

/** Where the user is: a view and optionally the host it focuses, kept in the URL hash so reload keeps it. */
export interface Route {
  view: string;
  hostId: number | null;
}

export function parseRoute(hash: string, fallbackView: string): Route {
  const [, view, id] = /^#\/([\w-]+)(?:\/(\d+))?/.exec(hash) ?? [];
  return { view: view ?? fallbackView, hostId: id ? Number(id) : null };
}

export function formatRoute(route: Route): string {
  return `#/${route.view}${route.hostId === null ? '' : `/${route.hostId}`}`;
}

const listeners = new Set<() => void>();
let hash = window.location.hash;
window.addEventListener('hashchange', () => {
  hash = window.location.hash;
  for (const l of listeners) l();
});

export function navigate(route: Route): void {
  const next = formatRoute(route);
  if (next !== window.location.hash) window.history.replaceState(null, '', next);
  hash = next;
  for (const l of listeners) l();
}

export function useRoute(fallbackView: string): Route {
  const current = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => hash,
  );
  return parseRoute(current, fallbackView);
}
