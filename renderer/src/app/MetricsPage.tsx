import { MetricsView } from '../features/metrics/MetricsView';
import { BmcHealthCard } from './BmcHealthCard';

/** The Metrics view with the dashboard's BMC health card (composed here: metrics and bmc stay apart). */
export function MetricsPage({ hostId }: { hostId: number | null }) {
  return <MetricsView hostId={hostId} dashboardCards={<BmcHealthCard />} />;
}
