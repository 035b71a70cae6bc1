import { lazy, type ComponentType } from 'react';
import { InventoryPage } from './InventoryPage';
import { ChartIcon, ConsoleIcon, HostsIcon, PowerIcon, TerminalIcon, VmIcon } from '../ui/icons';

// The first view paints with the app; the others (xterm.js, the power and BMC panels) load when first opened.
const TerminalsView = lazy(() =>
  import('../features/terminal/TerminalsView').then((m) => ({ default: m.TerminalsView })),
);
const PowerPage = lazy(() => import('./PowerPage').then((m) => ({ default: m.PowerPage })));
const VirtView = lazy(() => import('../features/virt/VirtView').then((m) => ({ default: m.VirtView })));
const MetricsPage = lazy(() => import('./MetricsPage').then((m) => ({ default: m.MetricsPage })));
const ConsolesView = lazy(() => import('../features/console/ConsolesView').then((m) => ({ default: m.ConsolesView })));

/**
 * The views of the navigation rail. A feature adds its view with one line here; its label is a key of its own
 * `i18n.<lang>.ts`, its hotkey uses `Alt+<digit>` (shown in the rail's tooltip). Views other than the first are
 * `lazy`, so each ships in its own chunk.
 */
export interface ViewDef {
  id: string;
  labelKey: string;
  icon: ComponentType;
  component: ComponentType<{ hostId: number | null }>;
  hotkey: string;
}

export const VIEWS: readonly ViewDef[] = [
  { id: 'hosts', labelKey: 'inventory.nav', icon: HostsIcon, component: InventoryPage, hotkey: 'Alt+1' },
  { id: 'terminal', labelKey: 'terminal.nav', icon: TerminalIcon, component: TerminalsView, hotkey: 'Alt+2' },
  { id: 'power', labelKey: 'power.nav', icon: PowerIcon, component: PowerPage, hotkey: 'Alt+3' },
  { id: 'virt', labelKey: 'virt.nav', icon: VmIcon, component: VirtView, hotkey: 'Alt+4' },
  { id: 'metrics', labelKey: 'metrics.nav', icon: ChartIcon, component: MetricsPage, hotkey: 'Alt+5' },
  { id: 'console', labelKey: 'console.nav', icon: ConsoleIcon, component: ConsolesView, hotkey: 'Alt+6' },
];
