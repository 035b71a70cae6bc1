// Tokens and the shell first, then shared components; each feature imports its own stylesheet after them.
import './app/app.css';
import './ui/ui.css';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { initNavigation } from './app/navigation';
import { startLoadingHosts } from './features/inventory/hostsStore';
import { initTerminals } from './features/terminal/terminalsStore';
import { initLanguage } from './i18n/i18n';
import { initConsoles } from './features/console/consolesStore';
import { CONSOLE_WINDOW_ROUTE } from './features/console/detach';

// A console detached into its own window runs the same renderer showing only that console.
const DetachedConsole = lazy(() =>
  import('./features/console/DetachedConsole').then((m) => ({ default: m.DetachedConsole })),
);
const consoleWindow = window.location.hash.startsWith(CONSOLE_WINDOW_ROUTE);

initLanguage();
if (!consoleWindow) {
  initNavigation();
  initTerminals();
  initConsoles();
  startLoadingHosts();
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {consoleWindow ? (
      <Suspense fallback={null}>
        <DetachedConsole />
      </Suspense>
    ) : (
      <App />
    )}
  </StrictMode>,
);
