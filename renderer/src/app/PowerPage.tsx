import { BmcPanel } from '../features/bmc/BmcPanel';
import { useHosts } from '../features/inventory/hostsStore';
import { PowerActions } from '../features/power/PowerActions';
import { PowerView } from '../features/power/PowerView';
import { navigate } from './navigation';

/**
 * The power view: every host's power and health, or one host's BMC in detail. Composed here so the power and
 * bmc features never import each other (the BMC panel gets the power buttons as a slot).
 */
export function PowerPage({ hostId }: { hostId: number | null }) {
  const { hosts } = useHosts();
  const host = hostId === null ? null : (hosts?.find((h) => h.id === hostId) ?? null);
  if (host)
    return (
      <BmcPanel
        host={host}
        onBack={() => navigate({ view: 'power', hostId: null })}
        powerActions={(props) => <PowerActions {...props} />}
      />
    );
  return <PowerView />;
}
