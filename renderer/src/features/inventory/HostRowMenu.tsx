import { useCallback, useState } from 'react';
import type { Host } from '../../../../common/domain/host';
import { useT } from '../../i18n/i18n';
import { ContextMenu, type MenuItem } from '../../ui/ContextMenu';
import { openPowerFor } from '../power/openPower';
import { openTerminal } from '../terminal/terminalsStore';
import { openSerial, openVnc, startOpening } from '../console/consolesStore';
import type { HostDialogState } from './HostDialogs';
import type { HostBrowser } from './useHostBrowser';
import type { VmLifecycle } from './useVmLifecycle';
import { vmMenuItems } from './vmMenu';

interface MenuAt {
  x: number;
  y: number;
  ids: number[];
}

/** A right-click acts on the selection when it lands on a selected row, otherwise on that row alone. */
export function useHostRowMenu(browser: HostBrowser) {
  const [menu, setMenu] = useState<MenuAt | null>(null);
  const { selection, selectOnly } = browser;
  // Changes only with the selection (not with the rows a filter shows): the memoized tree takes it.
  const open = useCallback(
    (id: number, point: { x: number; y: number }) => {
      const ids = selection.ids.has(id) ? [...selection.ids] : [id];
      if (!selection.ids.has(id)) selectOnly(id);
      setMenu({ ...point, ids });
    },
    [selection.ids, selectOnly],
  );
  const close = useCallback(() => setMenu(null), []);
  return { menu, open, close };
}

interface Props {
  menu: MenuAt;
  byId: ReadonlyMap<number, Host>;
  dialogs: HostDialogState;
  lifecycle: VmLifecycle;
  onClose(): void;
}

export function HostRowMenu({ menu, byId, dialogs, lifecycle, onClose }: Props) {
  const t = useT();
  const { ids } = menu;
  const hosts = ids.map((id) => byId.get(id)).filter((h): h is Host => Boolean(h));
  const one = hosts.length === 1 ? hosts[0]! : null;
  const items: MenuItem[] = [
    { label: t('terminal.open'), onSelect: () => openTerminal(ids) },
    { label: t('power.nav'), onSelect: () => openPowerFor(ids) },
    ...vmMenuItems(t, hosts, lifecycle),
    ...(one
      ? [
          // A VM's screen is on its hypervisor's loopback: reach it through the parent's SSH connection.
          {
            label: t('console.openScreen'),
            onSelect: () => startOpening('vnc', { address: '127.0.0.1', port: 5900, via: one.parentId ?? one.id }),
          },
          // A libvirt VM: main finds its live port, listen address or socket on the hypervisor.
          ...(one.parentId && (one.hypervisor?.domainUuid || one.hypervisor?.domainName)
            ? [{ label: t('console.openVmScreen'), onSelect: () => openVnc({ vm: one.id }, one.name) }]
            : []),
          ...(one.parentId
            ? [{ label: t('console.openSerial'), onSelect: () => openSerial({ vm: one.id }, `serial ${one.name}`) }]
            : []),
          { label: t('common.edit'), onSelect: () => dialogs.edit(one) },
        ]
      : []),
    { label: t('common.delete'), danger: true, onSelect: () => dialogs.remove(hosts) },
  ];
  return <ContextMenu x={menu.x} y={menu.y} label={t('inventory.menu.label')} items={items} onClose={onClose} />;
}
