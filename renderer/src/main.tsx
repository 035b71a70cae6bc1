import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './app/app.css';
import { initNavigation } from './app/navigation';
import { initTerminals } from './features/terminal/terminalsStore';
import { initLanguage } from './i18n/i18n';

initLanguage();
initNavigation();
initTerminals();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
