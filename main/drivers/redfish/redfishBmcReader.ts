import type { Host } from '../../../common/domain/host';
import type { BmcReader } from '../bmcReader';
import type { RedfishClient } from './redfishClient';
import { discover, type RedfishDiscovery } from './redfishDiscovery';
import { redfishClientFor, type RedfishDeps } from './redfishEndpoint';
import { clearLog, readLogEntries } from './readLogEntries';
import { readManagerInfo } from './readManagerInfo';
import { readSensors } from './readSensors';

/** Sensors, the IML/SEL and BMC identity over Redfish; each read is one session, logged out when done. */
export function redfishBmcReader(host: Host, deps: RedfishDeps): BmcReader {
  const withClient = async <T>(read: (client: RedfishClient, d: RedfishDiscovery) => Promise<T>): Promise<T> => {
    const client = redfishClientFor(host, deps);
    try {
      return await read(client, await discover(client));
    } finally {
      await client.close();
    }
  };
  return {
    sensors: () => withClient(readSensors),
    sel: () => withClient(readLogEntries),
    clearSel: () => withClient(clearLog),
    info: () => withClient(readManagerInfo),
  };
}
