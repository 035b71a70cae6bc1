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
  /**
   * Resources read only for their links (the chassis, its ThermalSubsystem and PowerSubsystem): fetched once per
   * discovery, since a health check every 30 s would otherwise spend most of its requests on them.
   */
  linksOf: Map<string, Promise<Json>>;
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
async function discover(client: RedfishClient): Promise<RedfishDiscovery> {
  const root = await client.sessionRoot();
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
    linksOf: new Map(),
  };
}

/** `logins` is null while the discovery is under way. */
const discoveries = new WeakMap<RedfishClient, { logins: number | null; discovery: Promise<RedfishDiscovery> }>();

/**
 * The discovery of a client kept open across calls (one per BMC), made once per session: a new login (the BMC
 * may have been reset meanwhile) or `forgetDiscovery` after a failed read makes it anew.
 */
export function sharedDiscovery(client: RedfishClient): Promise<RedfishDiscovery> {
  const known = discoveries.get(client);
  if (known && (known.logins === null || known.logins === client.logins)) return known.discovery;
  const discovery = discover(client);
  // Recorded under the login count discovery ends with (its first request may be the login itself).
  const entry: { logins: number | null; discovery: Promise<RedfishDiscovery> } = { logins: null, discovery };
  discoveries.set(client, entry);
  discovery.then(
    () => (entry.logins = client.logins),
    () => discoveries.get(client) === entry && discoveries.delete(client),
  );
  return discovery;
}

export function forgetDiscovery(client: RedfishClient): void {
  discoveries.delete(client);
}

/** A resource read for its links, once per discovery (see `linksOf`). */
export function linksOf(client: RedfishClient, d: RedfishDiscovery, path: string): Promise<Json> {
  let known = d.linksOf.get(path);
  if (!known) {
    known = client.get(path);
    d.linksOf.set(path, known);
    known.catch(() => d.linksOf.delete(path));
  }
  return known;
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
