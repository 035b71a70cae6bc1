/**
 * How the BMC kinds Labvisor meets differ on the wire, from HPE's iLO 4 / iLO 5 Redfish documentation and the
 * DMTF Redfish specification (DSP0266) and schemas.
 */
export interface BmcShape {
  name: 'ilo4' | 'ilo5' | 'dmtf';
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
}

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
};

export const SHAPES = { ilo4: ILO4, ilo5: ILO5, dmtf: DMTF } as const;
