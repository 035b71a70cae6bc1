import type { BmcMachine, LogEntry } from './bmcMachine';
import { addModernSensors } from './modernSensors';

const BOOT_TARGETS = ['None', 'Pxe', 'Floppy', 'Cd', 'Usb', 'Hdd', 'BiosSetup', 'Utilities'];
const LED_STATES = ['Lit', 'Blinking', 'Off'];

export interface Reply {
  status: number;
  body?: unknown;
}

/** One resource: GET gives its JSON; POST/PATCH act on it. */
export interface Resource {
  get(): Promise<unknown> | unknown;
  post?(body: Record<string, unknown>): Promise<Reply> | Reply;
  patch?(body: Record<string, unknown>): Promise<Reply> | Reply;
}

export interface TreeContext {
  machine: BmcMachine;
  sessionServiceEnabled: boolean;
  /** SessionService.SessionTimeout, in seconds. */
  sessionTimeoutSec: number;
  listenAddress: string;
}

export function redfishError(status: number, messageId: string, message: string): Reply {
  return {
    status,
    body: {
      error: { code: messageId, message, '@Message.ExtendedInfo': [{ MessageId: messageId, Message: message }] },
    },
  };
}

/**
 * Every resource of the fake BMC, keyed by its path without a trailing slash, built fresh for each request from
 * the machine's state (log entries come and go).
 */
export function resourceTree({
  machine,
  sessionServiceEnabled,
  sessionTimeoutSec,
  listenAddress,
}: TreeContext): Map<string, Resource> {
  const shape = machine.shape;
  const link = (path: string) => ({ '@odata.id': shape.strictTrailingSlash ? `${path}/` : path });
  const oem = (value: Record<string, unknown>) => (shape.oemKey ? { Oem: { [shape.oemKey]: value } } : {});
  // iLO acknowledges actions with 200 and a Success message; DMTF services commonly with 204.
  const done = (): Reply =>
    shape.oemKey
      ? {
          status: 200,
          body: {
            error: { code: 'iLO.0.10.ExtendedInfo', '@Message.ExtendedInfo': [{ MessageId: 'Base.0.10.Success' }] },
          },
        }
      : { status: 204 };
  const collection = (path: string, name: string, members: { '@odata.id': string }[] | unknown[]) => ({
    '@odata.id': link(path)['@odata.id'],
    Name: name,
    Members: members,
    'Members@odata.count': members.length,
  });

  const v1 = '/redfish/v1';
  const sys = `${v1}/Systems/${shape.systemId}`;
  const chassis = `${v1}/Chassis/${shape.chassisId}`;
  const mgr = `${v1}/Managers/${shape.managerId}`;
  const tree = new Map<string, Resource>();
  const add = (path: string, resource: Resource) => tree.set(path, resource);

  add(v1, {
    get: () => ({
      '@odata.type': '#ServiceRoot.v1_5_0.ServiceRoot',
      '@odata.id': `${v1}/`,
      Id: 'RootService',
      Name: shape.oemKey ? 'HP RESTful Root Service' : 'Root Service',
      RedfishVersion: shape.name === 'ilo4' ? '1.0.0' : '1.6.0',
      UUID: '8dbd5fb6-0d7d-4b6c-8e3e-6e1d2a1f0001',
      Systems: link(`${v1}/Systems`),
      Chassis: link(`${v1}/Chassis`),
      Managers: link(`${v1}/Managers`),
      SessionService: link(`${v1}/SessionService`),
      Links: { Sessions: link(`${v1}/SessionService/Sessions`) },
      ...(shape.linkOnlyMembers
        ? {
            ProtocolFeaturesSupported: {
              ExpandQuery: { ExpandAll: true, Levels: true, Links: true, NoLinks: true, MaxLevels: 1 },
              TopSkipQuery: true,
            },
          }
        : {}),
      ...oem({ Manager: [{ ManagerType: shape.managerModel, ManagerFirmwareVersion: shape.firmwareVersion }] }),
    }),
  });
  add(`${v1}/SessionService`, {
    get: () => ({
      '@odata.id': link(`${v1}/SessionService`)['@odata.id'],
      Id: 'SessionService',
      ServiceEnabled: sessionServiceEnabled,
      SessionTimeout: sessionTimeoutSec,
      Sessions: link(`${v1}/SessionService/Sessions`),
    }),
  });

  add(`${v1}/Systems`, { get: () => collection(`${v1}/Systems`, 'Computer Systems', [link(sys)]) });
  const resetTarget = `${sys}/Actions/ComputerSystem.Reset`;
  add(sys, {
    get: async () => ({
      '@odata.type': '#ComputerSystem.v1_4_0.ComputerSystem',
      '@odata.id': link(sys)['@odata.id'],
      Id: shape.systemId,
      Name: 'Computer System',
      SystemType: 'Physical',
      Manufacturer: shape.manufacturer,
      Model: shape.model,
      SerialNumber: 'CZJ0000LAB',
      UUID: '30373237-3132-5A43-4A30-303030304C41',
      PowerState: await machine.powerState(),
      ...(shape.indicator === 'IndicatorLED'
        ? { IndicatorLED: machine.indicatorLed }
        : { LocationIndicatorActive: machine.indicatorLed !== 'Off' }),
      Status: { State: 'Enabled', Health: 'OK' },
      Boot: {
        BootSourceOverrideTarget: machine.bootTarget,
        BootSourceOverrideEnabled: machine.bootEnabled,
        BootSourceOverrideMode: machine.bootMode,
        'BootSourceOverrideTarget@Redfish.AllowableValues': BOOT_TARGETS,
      },
      Actions: {
        '#ComputerSystem.Reset': {
          target: link(resetTarget)['@odata.id'],
          ...(shape.resetTypesVia === 'allowableValues'
            ? { 'ResetType@Redfish.AllowableValues': shape.resetTypes }
            : { '@Redfish.ActionInfo': `${sys}/ResetActionInfo` }),
        },
      },
      ...(shape.systemLogId ? { LogServices: link(`${sys}/LogServices`) } : {}),
      Links: { Chassis: [link(chassis)], ManagedBy: [link(mgr)] },
      ...oem({ PostState: (await machine.powerState()) === 'On' ? 'FinishedPost' : 'PowerOff' }),
    }),
    patch: (body) => {
      const boot = body.Boot as Record<string, unknown> | undefined;
      if (boot?.BootSourceOverrideTarget !== undefined) {
        if (!BOOT_TARGETS.includes(String(boot.BootSourceOverrideTarget)))
          return redfishError(400, 'Base.1.0.PropertyValueNotInList', 'BootSourceOverrideTarget is not allowed');
        machine.bootTarget = String(boot.BootSourceOverrideTarget);
        if (shape.resetsBootModeWhenOmitted && boot.BootSourceOverrideMode === undefined) machine.bootMode = 'Legacy';
      }
      if (boot?.BootSourceOverrideMode !== undefined) {
        if (!['UEFI', 'Legacy'].includes(String(boot.BootSourceOverrideMode)))
          return redfishError(400, 'Base.1.0.PropertyValueNotInList', 'BootSourceOverrideMode is not allowed');
        machine.bootMode = boot.BootSourceOverrideMode as typeof machine.bootMode;
      }
      if (boot?.BootSourceOverrideEnabled !== undefined) {
        if (!['Disabled', 'Once', 'Continuous'].includes(String(boot.BootSourceOverrideEnabled)))
          return redfishError(400, 'Base.1.0.PropertyValueNotInList', 'BootSourceOverrideEnabled is not allowed');
        machine.bootEnabled = boot.BootSourceOverrideEnabled as typeof machine.bootEnabled;
      }
      if (body.LocationIndicatorActive !== undefined) {
        if (shape.indicator !== 'LocationIndicatorActive' || typeof body.LocationIndicatorActive !== 'boolean')
          return redfishError(400, 'Base.1.0.PropertyUnknown', 'LocationIndicatorActive is not supported');
        machine.indicatorLed = body.LocationIndicatorActive ? 'Lit' : 'Off';
      }
      if (body.IndicatorLED !== undefined) {
        if (shape.indicator !== 'IndicatorLED')
          return redfishError(400, 'Base.1.0.PropertyUnknown', 'IndicatorLED is not supported');
        if (!LED_STATES.includes(String(body.IndicatorLED)))
          return redfishError(400, 'Base.1.0.PropertyValueNotInList', 'IndicatorLED is not allowed');
        machine.indicatorLed = body.IndicatorLED as typeof machine.indicatorLed;
      }
      return done();
    },
  });
  add(resetTarget, {
    get: () => redfishError(405, 'Base.1.0.ActionNotSupported', 'use POST').body,
    post: async (body) => {
      const type = String(body.ResetType ?? '');
      if (!shape.resetTypes.includes(type))
        return redfishError(400, 'Base.1.0.ActionParameterValueNotInList', `ResetType ${type} is not supported`);
      // iLO refuses to switch on what is on, or force off what is off.
      const state = await machine.powerState();
      if (shape.oemKey && ((type === 'On' && state === 'On') || (type === 'ForceOff' && state === 'Off')))
        return redfishError(400, 'iLO.0.10.InvalidOperationForSystemState', `${type} is not valid while ${state}`);
      machine.reset(type);
      return done();
    },
  });
  if (shape.resetTypesVia === 'actionInfo') {
    add(`${sys}/ResetActionInfo`, {
      get: () => ({
        '@odata.type': '#ActionInfo.v1_1_2.ActionInfo',
        '@odata.id': `${sys}/ResetActionInfo`,
        Id: 'ResetActionInfo',
        Parameters: [{ Name: 'ResetType', Required: true, DataType: 'String', AllowableValues: shape.resetTypes }],
      }),
    });
  }

  add(`${v1}/Chassis`, { get: () => collection(`${v1}/Chassis`, 'Chassis Collection', [link(chassis)]) });
  add(chassis, {
    get: () => ({
      '@odata.id': link(chassis)['@odata.id'],
      Id: shape.chassisId,
      // Required by the schema (sushy, the reference client, refuses a chassis without it).
      Name: 'Computer System Chassis',
      ChassisType: 'RackMount',
      Manufacturer: shape.manufacturer,
      Model: shape.model,
      ...(!machine.sensorsPublished
        ? {}
        : shape.sensorModel === 'legacy'
          ? { Thermal: link(`${chassis}/Thermal`), Power: link(`${chassis}/Power`) }
          : {
              Sensors: link(`${chassis}/Sensors`),
              ThermalSubsystem: link(`${chassis}/ThermalSubsystem`),
              PowerSubsystem: link(`${chassis}/PowerSubsystem`),
              EnvironmentMetrics: link(`${chassis}/EnvironmentMetrics`),
            }),
      Links: { ComputerSystems: [link(sys)], ManagedBy: [link(mgr)] },
    }),
  });
  if (shape.sensorModel === 'legacy') {
    add(`${chassis}/Thermal`, { get: () => thermal(machine, link(`${chassis}/Thermal`)['@odata.id']) });
    add(`${chassis}/Power`, { get: () => power(link(`${chassis}/Power`)['@odata.id'], shape.name !== 'ilo4') });
  } else addModernSensors(tree, link, machine, chassis);

  add(`${v1}/Managers`, { get: () => collection(`${v1}/Managers`, 'Managers', [link(mgr)]) });
  add(mgr, {
    get: () => ({
      '@odata.id': link(mgr)['@odata.id'],
      Id: shape.managerId,
      Name: 'Manager',
      ManagerType: 'BMC',
      Model: shape.managerModel,
      FirmwareVersion: shape.firmwareVersion,
      UUID: '83fc3f1e-7a40-4f68-8c1a-2b7d3e0b0002',
      Status: { State: 'Enabled', Health: 'OK' },
      EthernetInterfaces: link(`${mgr}/EthernetInterfaces`),
      LogServices: link(`${mgr}/LogServices`),
      ...oem({ Firmware: { Current: { VersionString: shape.firmwareVersion, Date: 'Jan 20 2023' } } }),
    }),
  });
  add(`${mgr}/EthernetInterfaces`, {
    get: () => collection(`${mgr}/EthernetInterfaces`, 'Manager NICs', [link(`${mgr}/EthernetInterfaces/1`)]),
  });
  add(`${mgr}/EthernetInterfaces/1`, {
    get: () => ({
      '@odata.id': link(`${mgr}/EthernetInterfaces/1`)['@odata.id'],
      Id: '1',
      Name: 'Manager Dedicated Network Interface',
      MACAddress: '14:02:ec:00:00:01',
      HostName: 'ilo-lab',
      IPv4Addresses: [{ Address: listenAddress, SubnetMask: '255.0.0.0', AddressOrigin: 'Static' }],
      Status: { State: 'Enabled', Health: 'OK' },
    }),
  });

  addLogServices(tree, link, done, machine, mgr, [shape.managerLogId]);
  if (shape.systemLogId)
    addLogServices(tree, link, done, machine, sys, [...shape.otherSystemLogs.map((l) => l.id), shape.systemLogId]);
  return tree;
}

function addLogServices(
  tree: Map<string, Resource>,
  link: (path: string) => { '@odata.id': string },
  done: () => Reply,
  machine: BmcMachine,
  owner: string,
  ids: string[],
): void {
  const base = `${owner}/LogServices`;
  const shape = machine.shape;
  const other = (id: string) => shape.otherSystemLogs.find((l) => l.id === id);
  const LOG_NAMES: Record<string, string> = {
    IML: 'Integrated Management Log',
    IEL: 'iLO Event Log',
    EventLog: 'Event Log',
    Journal: 'BMC Journal Log Service',
  };
  // LogService v1.1+ says what a log holds; iLO 4 predates it.
  const ENTRY_TYPES: Record<string, string> = { Sel: 'SEL', EventLog: 'Event', Journal: 'OEM', IML: 'Event' };
  tree.set(base, {
    get: () => ({
      '@odata.id': link(base)['@odata.id'],
      Name: 'Log Service Collection',
      Members: ids.map((id) => link(`${base}/${id}`)),
      'Members@odata.count': ids.length,
    }),
  });
  for (const id of ids) {
    const service = `${base}/${id}`;
    const clear = `${service}/Actions/LogService.ClearLog`;
    const entries = () => machine.logs.get(id) ?? [];
    const entryJson = (e: LogEntry) => ({
      '@odata.type': '#LogEntry.v1_1_0.LogEntry',
      '@odata.id': link(`${service}/Entries/${e.Id}`)['@odata.id'],
      Name: id === 'IML' ? 'Integrated Management Log' : 'Log Entry',
      EntryType: id === 'Sel' ? 'SEL' : id === 'EventLog' ? 'Event' : 'Oem',
      ...e,
    });
    const logEntryType = other(id)?.entryType ?? (shape.name === 'ilo4' ? undefined : ENTRY_TYPES[id]);
    tree.set(service, {
      get: () => ({
        '@odata.id': link(service)['@odata.id'],
        Id: id,
        Name: other(id)?.name ?? LOG_NAMES[id] ?? 'System Event Log',
        ...(logEntryType ? { LogEntryType: logEntryType } : {}),
        MaxNumberOfRecords: 800,
        OverWritePolicy: 'WrapsWhenFull',
        Entries: link(`${service}/Entries`),
        Actions: { '#LogService.ClearLog': { target: link(clear)['@odata.id'] } },
      }),
    });
    tree.set(`${service}/Entries`, {
      get: () => ({
        '@odata.id': link(`${service}/Entries`)['@odata.id'],
        Name: 'Log Entries',
        Members: entries().map((e) => (shape.linkOnlyMembers ? link(`${service}/Entries/${e.Id}`) : entryJson(e))),
        'Members@odata.count': entries().length,
      }),
    });
    for (const e of entries()) tree.set(`${service}/Entries/${e.Id}`, { get: () => entryJson(e) });
    tree.set(clear, {
      get: () => redfishError(405, 'Base.1.0.ActionNotSupported', 'use POST').body,
      post: () => {
        machine.logs.set(id, []);
        return done();
      },
    });
  }
}

function thermal(machine: BmcMachine, id: string): unknown {
  const legacy = machine.shape.legacyFans;
  return {
    '@odata.type': '#Thermal.v1_1_0.Thermal',
    '@odata.id': id,
    Id: 'Thermal',
    Temperatures: machine.temperatures.map((t, i) => ({
      MemberId: String(i),
      Name: t.name,
      ReadingCelsius: t.reading,
      UpperThresholdNonCritical: t.upperNonCritical,
      UpperThresholdCritical: t.upperCritical,
      UpperThresholdFatal: t.upperFatal,
      Status: {
        State: 'Enabled',
        Health:
          t.reading >= t.upperCritical ? 'Critical' : t.reading >= (t.upperNonCritical ?? Infinity) ? 'Warning' : 'OK',
      },
    })),
    Fans: [1, 2, 3].map((n) =>
      legacy
        ? { FanName: `Fan ${n}`, CurrentReading: 20 + n, Units: 'Percent', Status: { State: 'Enabled', Health: 'OK' } }
        : {
            MemberId: String(n),
            Name: `Fan ${n}`,
            Reading: 5400 + n * 120,
            ReadingUnits: 'RPM',
            LowerThresholdCritical: 1000,
            LowerThresholdFatal: 500,
            Status: { State: 'Enabled', Health: 'OK' },
          },
    ),
  };
}

function power(id: string, withVoltages: boolean): unknown {
  return {
    '@odata.type': '#Power.v1_1_0.Power',
    '@odata.id': id,
    Id: 'Power',
    PowerControl: [{ MemberId: '0', Name: 'System Power Control', PowerConsumedWatts: 142, PowerCapacityWatts: 1000 }],
    PowerSupplies: [
      {
        MemberId: '0',
        Name: 'HpServerPowerSupply',
        PowerCapacityWatts: 500,
        LastPowerOutputWatts: 71,
        LineInputVoltage: 230,
        Status: { State: 'Enabled', Health: 'OK' },
      },
      // The second supply has lost its AC input: a warning, as a half-cabled lab server shows.
      {
        MemberId: '1',
        Name: 'HpServerPowerSupply',
        PowerCapacityWatts: 500,
        LastPowerOutputWatts: 0,
        LineInputVoltage: 0,
        Status: { State: 'Enabled', Health: 'Warning' },
      },
    ],
    ...(withVoltages
      ? {
          Voltages: [
            {
              MemberId: '0',
              Name: 'CPU1 VCORE',
              ReadingVolts: 1.8,
              UpperThresholdCritical: 2.0,
              LowerThresholdCritical: 1.6,
              Status: { State: 'Enabled', Health: 'OK' },
            },
          ],
        }
      : {}),
  };
}
