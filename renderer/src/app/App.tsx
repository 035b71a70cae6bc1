import { useEffect, useState } from 'react';
import type { Host } from '../../../common/domain/host';
import { call, onEvent } from '../lib/api';

export function App() {
  const [hosts, setHosts] = useState<Host[] | null>(null);
  useEffect(() => {
    const load = () => void call('inventory.listHosts', {}).then(setHosts);
    load();
    return onEvent('inventory.changed', load);
  }, []);
  return (
    <main>
      <h1>Labvisor</h1>
      <p>{hosts === null ? 'Loading…' : `${hosts.length} hosts`}</p>
    </main>
  );
}
