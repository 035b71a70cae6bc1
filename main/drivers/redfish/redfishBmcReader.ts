import type { Host } from '../../../common/domain/host';
import type { BmcReader } from '../bmcReader';
import type { RedfishClient } from './redfishClient';
import { forgetDiscovery, sharedDiscovery, type RedfishDiscovery } from './redfishDiscovery';
import { clearLog, readLogEntries } from './readLogEntries';
import { readManagerInfo } from './readManagerInfo';
import { readSensors } from './readSensors';
import type { RedfishSessions } from './redfishSessions';

/**
 * Sensors, the IML/SEL and BMC identity over Redfish, on the BMC's kept session and discovery; a failed read
 * forgets the discovery (the BMC may have been reset or reconfigured), so the next one starts afresh.
 */
export function redfishBmcReader(host: Host, sessions: RedfishSessions): BmcReader {
  const withClient = async <T>(read: (client: RedfishClient, d: RedfishDiscovery) => Promise<T>): Promise<T> => {
    const client = sessions.clientFor(host);
    try {
      return await read(client, await sharedDiscovery(client));
    } catch (error) {
      forgetDiscovery(client);
      throw error;
    }
  };
  return {
    sensors: (opts) => withClient((client, d) => readSensors(client, d, opts)),
    sel: () => withClient(readLogEntries),
    clearSel: () => withClient(clearLog),
    info: () => withClient(readManagerInfo),
  };
}
