// Tokens and the shell first, then shared components; each feature imports its own stylesheet after them.
import './app/app.css';
import './ui/ui.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { initNavigation } from './app/navigation';
import { startLoadingHosts } from './features/inventory/hostsStore';
import { initTerminals } from './features/terminal/terminalsStore';
import { initLanguage } from './i18n/i18n';

initLanguage();
initNavigation();
initTerminals();
startLoadingHosts();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
