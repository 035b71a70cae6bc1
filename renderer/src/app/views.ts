import type { ComponentType } from 'react';
import { HostsView } from '../features/inventory/HostsView';
import { HostsIcon, PowerIcon, TerminalIcon } from '../ui/icons';
import { TerminalsView } from '../features/terminal/TerminalsView';
import { PowerPage } from './PowerPage';

/**
 * The views of the navigation rail. A feature adds its view with one line here; its label is a key of its own
 * `i18n.<lang>.ts`, its hotkey uses `Alt+<digit>` (shown in the rail's tooltip).
 */
export interface ViewDef {
  id: string;
  labelKey: string;
  icon: ComponentType;
  component: ComponentType<{ hostId: number | null }>;
  hotkey: string;
}

export const VIEWS: readonly ViewDef[] = [
  { id: 'hosts', labelKey: 'inventory.nav', icon: HostsIcon, component: HostsView, hotkey: 'Alt+1' },
  { id: 'terminal', labelKey: 'terminal.nav', icon: TerminalIcon, component: TerminalsView, hotkey: 'Alt+2' },
  { id: 'power', labelKey: 'power.nav', icon: PowerIcon, component: PowerPage, hotkey: 'Alt+3' },
];
