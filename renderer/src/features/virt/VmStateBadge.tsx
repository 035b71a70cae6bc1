import { StateBadge } from './StateBadge';
import { useVmState } from './vmStates';
// The inventory shows these before the (lazily loaded) VMs view has brought its styles.
import './virt.css';

/** A VM's live state for an inventory row (tree or table); nothing for hosts that are not followed VMs. */
export function VmStateBadge({ hostId, compact = false }: { hostId: number; compact?: boolean }) {
  const s = useVmState(hostId);
  if (!s) return null;
  return <StateBadge state={s.state} reason={s.reason} compact={compact} className="vt-row-badge" />;
}
