import { useHosts } from '../features/inventory/hostsStore';
import { HostsView } from '../features/inventory/HostsView';
import { HostPulse } from '../features/metrics/HostPulse';
import { VmStateBadge } from '../features/virt/VmStateBadge';
import { useTrackVmStates } from '../features/virt/vmStates';

const NO_HOSTS: never[] = [];

/** Before a host's name in the table: a VM's live state (virt), then up/down and sparklines (metrics). */
function tableAdornment(hostId: number) {
  return (
    <>
      <VmStateBadge hostId={hostId} />
      <HostPulse hostId={hostId} />
    </>
  );
}

/** After a host's name in the narrow tree: the same, compact. */
function treeAdornment(hostId: number) {
  return (
    <>
      <VmStateBadge hostId={hostId} compact />
      <HostPulse hostId={hostId} compact />
    </>
  );
}

/** The inventory with other features' live status on every row (composed here: features stay apart). */
export function InventoryPage({ hostId }: { hostId: number | null }) {
  const { hosts } = useHosts();
  useTrackVmStates(hosts ?? NO_HOSTS);
  return <HostsView hostId={hostId} nameAdornment={tableAdornment} treeAdornment={treeAdornment} />;
}
