import { useState, type ReactNode } from 'react';
import type { VmRow } from '../../../../common/contract/virt';
import type { Host } from '../../../../common/domain/host';
import { navigate } from '../../app/navigation';
import { useT } from '../../i18n/i18n';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { useHosts } from '../inventory/hostsStore';
import { useCanAct } from '../../app/useAppInfo';
import { DiscoverDialog } from './DiscoverDialog';
import { VmDetail } from './VmDetail';
import { VmList } from './VmList';
import { hypervisorsOf, isVm } from './virtLogic';
import './virt.css';

/**
 * VMs per hypervisor: the route's host is a hypervisor (its VM list) or a VM (its detail); hypervisors are
 * listed on the left, and discovery (preview, then write) marks a new one.
 */
/** A column of per-VM actions another feature adds (the app composes it: console buttons), and its heading. */
export interface VmActions {
  label: string;
  cell: (vm: VmRow, hypervisor: Host) => ReactNode;
}

export function VirtView({ hostId, vmActions }: { hostId: number | null; vmActions?: VmActions }) {
  const t = useT();
  const canAct = useCanAct();
  const { hosts, error } = useHosts();
  const [discovering, setDiscovering] = useState(false);
  const hypervisors = hosts ? hypervisorsOf(hosts) : [];
  const focused = hosts?.find((h) => h.id === hostId) ?? null;
  const vm = focused && isVm(focused) && !focused.hypervisor?.libvirtUri ? focused : null;
  const hypervisor = vm
    ? (hosts?.find((h) => h.id === vm.parentId) ?? null)
    : ((focused && hypervisors.includes(focused) ? focused : null) ?? hypervisors[0] ?? null);

  return (
    <div className="vt-view">
      <ErrorBanner error={error} />
      <aside className="vt-side" aria-label={t('virt.hypervisors')}>
        <h1>{t('virt.title')}</h1>
        <button type="button" onClick={() => setDiscovering(true)} disabled={!canAct || !hosts?.length}>
          {t('virt.discover')}
        </button>
        <h2>{t('virt.hypervisors')}</h2>
        <ul>
          {hypervisors.map((h) => (
            <li key={h.id}>
              <button
                type="button"
                aria-current={h.id === hypervisor?.id ? 'true' : undefined}
                onClick={() => navigate({ view: 'virt', hostId: h.id })}
              >
                {h.name}
              </button>
            </li>
          ))}
        </ul>
      </aside>
      <div className="vt-main">
        {vm ? (
          <VmDetail key={vm.id} vm={vm} hypervisor={hypervisor} vmActions={vmActions} />
        ) : hypervisor ? (
          <VmList key={hypervisor.id} hypervisor={hypervisor} vmActions={vmActions} />
        ) : (
          hosts && <p className="vt-muted">{t('virt.noHypervisors')}</p>
        )}
      </div>
      {discovering && hosts && (
        <DiscoverDialog
          hosts={hosts}
          initialHostId={hypervisor?.id ?? null}
          onClose={() => setDiscovering(false)}
          onDone={(id) => {
            setDiscovering(false);
            navigate({ view: 'virt', hostId: id });
          }}
        />
      )}
    </div>
  );
}
