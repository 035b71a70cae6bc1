import { createStore, useStore } from '../lib/store';

/** Where the user is: a view and optionally the host it focuses, kept in the URL hash so reload keeps it. */
export interface Route {
  view: string;
  hostId: number | null;
}

function parseRoute(hash: string, fallbackView: string): Route {
  const [, view, id] = /^#\/([\w-]+)(?:\/(\d+))?/.exec(hash) ?? [];
  return { view: view ?? fallbackView, hostId: id ? Number(id) : null };
}

function formatRoute(route: Route): string {
  return `#/${route.view}${route.hostId === null ? '' : `/${route.hostId}`}`;
}

const hash = createStore('');

/** Follows the URL hash (back/forward, links); called once by the app before it renders. */
export function initNavigation(): void {
  hash.set(window.location.hash);
  window.addEventListener('hashchange', () => hash.set(window.location.hash));
}

/** Whether the page was opened on a view (otherwise the home view is chosen once the inventory has answered). */
export function urlNamesView(): boolean {
  return parseRoute(window.location.hash, '').view !== '';
}

export function navigate(route: Route): void {
  const next = formatRoute(route);
  if (next !== window.location.hash) window.history.replaceState(null, '', next);
  hash.set(next);
}

export function useRoute(fallbackView: string): Route {
  return parseRoute(useStore(hash), fallbackView);
}
