// First: it sends the hosts page's first calls before the rest of the page's modules are evaluated.
import { consoleWindow } from './app/firstCalls';
// Tokens and the shell first, then shared components; each feature imports its own stylesheet after them.
import './app/app.css';
import './ui/ui.css';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { initNavigation } from './app/navigation';
import { initTerminals } from './features/terminal/terminalsStore';
import { initLanguage } from './i18n/i18n';
import { initConsoles } from './features/console/consolesStore';

const DetachedConsole = lazy(() =>
  import('./features/console/DetachedConsole').then((m) => ({ default: m.DetachedConsole })),
);

initLanguage();
if (!consoleWindow) {
  initNavigation();
  initTerminals();
  initConsoles();
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
