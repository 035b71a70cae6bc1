/**
 * How the BMC kinds Labvisor meets differ on the wire, from HPE's iLO 4 / iLO 5 Redfish documentation and the
 * DMTF Redfish specification (DSP0266) and schemas.
 */
export interface BmcShape {
  name: 'ilo4' | 'ilo5' | 'dmtf' | 'modern';
  /** iLO 4 answers only paths ending in `/` here (and links that way); the others accept both. */
  strictTrailingSlash: boolean;
  systemId: string;
  chassisId: string;
  managerId: string;
  /** iLO 4 puts its extensions under `Oem.Hp`, iLO 5 under `Oem.Hpe`. */
  oemKey: 'Hp' | 'Hpe' | null;
  manufacturer: string;
  model: string;
  managerModel: string;
  firmwareVersion: string;
  resetTypes: readonly string[];
  /** iLO lists ResetTypes inline (`@Redfish.AllowableValues`); many DMTF services through an ActionInfo resource. */
  resetTypesVia: 'allowableValues' | 'actionInfo';
  /** iLO keeps the Integrated Management Log under the system; every kind has a manager log (IEL or SEL). */
  systemLogId: string | null;
  managerLogId: string;
  /** iLO 4 answers a login with an absolute `Location` URL; others with a path. */
  absoluteLocation: boolean;
  /** iLO 4's Thermal schema predates `Reading`: fans have `FanName`, `CurrentReading` and percent units. */
  legacyFans: boolean;
  /**
   * `legacy`: the chassis' Thermal and Power resources (deprecated since Redfish 2020.4); `modern`: only the newer
   * Sensors collection, ThermalSubsystem, PowerSubsystem and EnvironmentMetrics (OpenBMC, XCC 3, iDRAC 9 6.x).
   */
  sensorModel: 'legacy' | 'modern';
  /** PATCH needs `If-Match` with the resource's ETag: 428 without it, 412 when stale (Lenovo XCC, AMI, Huawei). */
  requireIfMatch: boolean;
  /**
   * Collections (log entries, sensors) list their members as links only; `$expand` and `$top`/`$skip` are
   * honoured and advertised in the root's `ProtocolFeaturesSupported`.
   */
  linkOnlyMembers: boolean;
  /** `IndicatorLED` (deprecated) or the boolean `LocationIndicatorActive` that replaces it. */
  indicator: 'IndicatorLED' | 'LocationIndicatorActive';
  /** Supermicro resets `BootSourceOverrideMode` to Legacy when a boot PATCH leaves it out. */
  resetsBootModeWhenOmitted: boolean;
  /** Log services listed before the event log that are not event logs (a BMC dump, POST codes). */
  otherSystemLogs: readonly { id: string; name: string; entryType: string }[];
}

const CLASSIC = {
  sensorModel: 'legacy',
  requireIfMatch: false,
  linkOnlyMembers: false,
  indicator: 'IndicatorLED',
  resetsBootModeWhenOmitted: false,
  otherSystemLogs: [],
} as const;

const ILO4: BmcShape = {
  name: 'ilo4',
  strictTrailingSlash: true,
  systemId: '1',
  chassisId: '1',
  managerId: '1',
  oemKey: 'Hp',
  manufacturer: 'HP',
  model: 'ProLiant DL360 Gen9',
  managerModel: 'iLO 4',
  firmwareVersion: 'iLO 4 v2.82',
  resetTypes: ['On', 'ForceOff', 'ForceRestart', 'Nmi', 'PushPowerButton'],
  resetTypesVia: 'allowableValues',
  systemLogId: 'IML',
  managerLogId: 'IEL',
  absoluteLocation: true,
  legacyFans: true,
  ...CLASSIC,
};

const ILO5: BmcShape = {
  name: 'ilo5',
  strictTrailingSlash: false,
  systemId: '1',
  chassisId: '1',
  managerId: '1',
  oemKey: 'Hpe',
  manufacturer: 'HPE',
  model: 'ProLiant DL360 Gen10',
  managerModel: 'iLO 5',
  firmwareVersion: 'iLO 5 v2.72',
  resetTypes: ['On', 'ForceOff', 'GracefulShutdown', 'ForceRestart', 'Nmi', 'PushPowerButton', 'GracefulRestart'],
  resetTypesVia: 'allowableValues',
  systemLogId: 'IML',
  managerLogId: 'IEL',
  absoluteLocation: false,
  legacyFans: false,
  ...CLASSIC,
};

const DMTF: BmcShape = {
  name: 'dmtf',
  strictTrailingSlash: false,
  systemId: 'System.Embedded.1',
  chassisId: 'System.Embedded.1',
  managerId: 'BMC.Embedded.1',
  oemKey: null,
  manufacturer: 'Contoso',
  model: 'Lab Server 3000',
  managerModel: 'Contoso BMC',
  firmwareVersion: '5.10.00.00',
  resetTypes: [
    'On',
    'ForceOff',
    'GracefulShutdown',
    'GracefulRestart',
    'ForceRestart',
    'PowerCycle',
    'Nmi',
    'PushPowerButton',
  ],
  resetTypesVia: 'actionInfo',
  systemLogId: null,
  managerLogId: 'Sel',
  absoluteLocation: false,
  legacyFans: false,
  ...CLASSIC,
};

/**
 * A service on the 2021+ schemas (as OpenBMC's bmcweb, Lenovo XCC 3 and Supermicro X13 are): newer sensor model
 * only, ETags enforced, link-only collections with `$expand`, `LocationIndicatorActive`, and a dump and a POST-code
 * log listed before the event log.
 */
const MODERN: BmcShape = {
  name: 'modern',
  strictTrailingSlash: false,
  systemId: 'system',
  chassisId: 'chassis',
  managerId: 'bmc',
  oemKey: null,
  manufacturer: 'Contoso',
  model: 'Lab Server 5000',
  managerModel: 'OpenBMC',
  firmwareVersion: '2.14.0',
  resetTypes: ['On', 'ForceOff', 'GracefulShutdown', 'GracefulRestart', 'ForceRestart', 'PowerCycle', 'Nmi'],
  resetTypesVia: 'actionInfo',
  systemLogId: 'EventLog',
  managerLogId: 'Journal',
  absoluteLocation: false,
  legacyFans: false,
  sensorModel: 'modern',
  requireIfMatch: true,
  linkOnlyMembers: true,
  indicator: 'LocationIndicatorActive',
  resetsBootModeWhenOmitted: true,
  otherSystemLogs: [
    { id: 'Dump', name: 'System Dump LogService', entryType: 'Multiple' },
    { id: 'PostCodes', name: 'POST Code Log Service', entryType: 'Multiple' },
  ],
};

export const SHAPES = { ilo4: ILO4, ilo5: ILO5, dmtf: DMTF, modern: MODERN } as const;
