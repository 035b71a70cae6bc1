import { HostsView } from '../features/inventory/HostsView';
import { HostPulse } from '../features/metrics/HostPulse';

/** The inventory, with each host's live status from metrics before its name (composed here: features stay apart). */
export function InventoryPage({ hostId }: { hostId: number | null }) {
  return <HostsView hostId={hostId} nameAdornment={(id) => <HostPulse hostId={id} />} />;
}
