import type { BmcInfo, SelEntry, Sensor } from '../../common/domain/bmc';
import type { Host } from '../../common/domain/host';

export interface SensorReadOptions {
  /** Only the levels matter (a health check): readings that cost a request each may be left out. */
  levelsOnly?: boolean;
}

/** What a BMC tells about its machine, beyond power: sensors, the event log, its own identity. */
export interface BmcReader {
  sensors(opts?: SensorReadOptions): Promise<Sensor[]>;
  sel(): Promise<SelEntry[]>;
  /** Clears the event log; resolves with how many entries it held. */
  clearSel(): Promise<number>;
  info(): Promise<BmcInfo>;
}

export type BmcReaderFactory = (host: Host) => BmcReader;
