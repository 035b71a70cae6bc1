import { AppError } from '../../../common/result';
import type { RedfishClient } from './redfishClient';

type Json = Record<string, unknown>;

export interface RedfishDiscovery {
  root: Json;
  /** The first (on servers: only) computer system, chassis and manager, as fetched. */
  system: Json;
  systemPath: string;
  chassisPath: string | null;
  managerPath: string | null;
  /** `Hp` on iLO 4, `Hpe` on iLO 5, null on other BMCs. */
  oemKey: 'Hp' | 'Hpe' | null;
  resetTarget: string | null;
  resetTypes: string[];
}

/** Every ResetType the DMTF schema defines; assumed when a service advertises none. */
const ALL_RESET_TYPES = [
  'On',
  'ForceOff',
  'GracefulShutdown',
  'GracefulRestart',
  'ForceRestart',
  'Nmi',
  'ForceOn',
  'PushPowerButton',
  'PowerCycle',
];

export const odataId = (value: unknown): string | null => {
  const id = (value as { '@odata.id'?: unknown } | null | undefined)?.['@odata.id'];
  return typeof id === 'string' ? id : null;
};

/** The first member of a collection the root links to, e.g. `/redfish/v1/Systems/1/`. */
async function firstMember(client: RedfishClient, root: Json, name: string): Promise<string | null> {
  const collection = odataId(root[name]);
  if (!collection) return null;
  const members = (await client.get(collection)).Members;
  return Array.isArray(members) ? odataId(members[0]) : null;
}

/** Follows the service root to the system, chassis and manager, and learns which ResetTypes the BMC takes. */
export async function discover(client: RedfishClient): Promise<RedfishDiscovery> {
  const root = await client.root();
  const systemPath = await firstMember(client, root, 'Systems');
  if (!systemPath) throw new AppError('unsupported', 'the Redfish service lists no computer system');
  const system = await client.get(systemPath);
  const links = (system.Links ?? {}) as Json;
  const chassisPath =
    odataId((links.Chassis as unknown[] | undefined)?.[0]) ?? (await firstMember(client, root, 'Chassis'));
  const managerPath =
    odataId((links.ManagedBy as unknown[] | undefined)?.[0]) ?? (await firstMember(client, root, 'Managers'));
  const oem = { ...(root.Oem as Json | undefined), ...(system.Oem as Json | undefined) };
  const oemKey = 'Hpe' in oem ? 'Hpe' : 'Hp' in oem ? 'Hp' : null;
  const reset = ((system.Actions ?? {}) as Json)['#ComputerSystem.Reset'] as Json | undefined;
  return {
    root,
    system,
    systemPath,
    chassisPath,
    managerPath,
    oemKey,
    resetTarget: typeof reset?.target === 'string' ? reset.target : null,
    resetTypes: reset ? await allowedResetTypes(client, reset) : [],
  };
}

async function allowedResetTypes(client: RedfishClient, action: Json): Promise<string[]> {
  const inline = action['ResetType@Redfish.AllowableValues'];
  if (Array.isArray(inline)) return inline.map(String);
  const infoPath = action['@Redfish.ActionInfo'];
  if (typeof infoPath === 'string') {
    const info = await client.get(infoPath);
    const parameter = ((info.Parameters ?? []) as Json[]).find((p) => p.Name === 'ResetType');
    if (Array.isArray(parameter?.AllowableValues)) return parameter.AllowableValues.map(String);
  }
  return ALL_RESET_TYPES;
}
