import type { BmcInfo } from '../../../common/domain/bmc';
import type { RedfishClient } from './redfishClient';
import { odataId, type RedfishDiscovery } from './redfishDiscovery';

type Json = Record<string, unknown>;

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);

/** The BMC's identity: firmware, model, and its management NIC's MAC and addresses. */
export async function readManagerInfo(client: RedfishClient, d: RedfishDiscovery): Promise<BmcInfo> {
  const manager = d.managerPath ? await client.get(d.managerPath) : {};
  const nic = await firstNic(client, manager);
  const oemFirmware = (
    ((manager.Oem as Json | undefined)?.[d.oemKey ?? ''] as Json | undefined)?.Firmware as
      { Current?: { VersionString?: string } } | undefined
  )?.Current?.VersionString;
  const firmware = text(manager.FirmwareVersion) ?? text(oemFirmware);
  const manufacturer =
    d.oemKey === 'Hpe' ? 'HPE' : d.oemKey === 'Hp' ? 'HP' : (text(manager.Manufacturer) ?? text(d.system.Manufacturer));
  const ipv4List = Array.isArray(nic.IPv4Addresses) ? (nic.IPv4Addresses as Json[]) : [];
  const ipv4 = ipv4List.map((a) => text(a.Address));
  const vlan = (nic.VLAN ?? {}) as Json;
  const fields: Record<string, string | null> = {
    'Firmware Version': firmware,
    Model: text(manager.Model),
    'Manager Type': text(manager.ManagerType),
    UUID: text(manager.UUID),
    'Redfish Version': text(d.root.RedfishVersion),
    'MAC Address': text(nic.MACAddress) ?? text(nic.PermanentMACAddress),
    'IPv4 Address': ipv4.filter(Boolean).join(', ') || null,
    'IP Address Source': text(ipv4List[0]?.AddressOrigin),
    'Subnet Mask': text(ipv4List[0]?.SubnetMask),
    'Default Gateway': text(ipv4List[0]?.Gateway),
    'VLAN ID': vlan.VLANEnable === true && typeof vlan.VLANId === 'number' ? String(vlan.VLANId) : null,
    'Host Name': text(nic.HostName),
    'System Model': text(d.system.Model),
    'System Serial': text(d.system.SerialNumber),
  };
  return {
    deviceId: null,
    deviceRevision: null,
    firmwareRevision: firmware,
    ipmiVersion: null,
    manufacturer,
    product: text(manager.Model),
    fields: Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => e[1] !== null)),
  };
}

async function firstNic(client: RedfishClient, manager: Json): Promise<Json> {
  const collection = odataId(manager.EthernetInterfaces);
  if (!collection) return {};
  const members = (await client.get(collection)).Members;
  const first = Array.isArray(members) ? odataId(members[0]) : null;
  return first ? client.get(first) : {};
}
