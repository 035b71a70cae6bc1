import { CONSOLE_WINDOW_ROUTE } from '../features/console/detach';
import { startLoadingHosts } from '../features/inventory/hostsStore';
import { prefetchHomeView } from './homeView';

/** A console detached into its own window runs the same renderer showing only that console. */
export const consoleWindow = window.location.hash.startsWith(CONSOLE_WINDOW_ROUTE);

// main.tsx imports this module first, so this runs before React's modules are evaluated: the WebSocket
// handshake and the hosts page's first queries run on the server while the browser evaluates React and renders
// the shell, instead of after.
if (!consoleWindow) {
  startLoadingHosts();
  prefetchHomeView();
}
