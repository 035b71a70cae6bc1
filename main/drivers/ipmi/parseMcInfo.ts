import type { BmcInfo } from '../../../common/domain/bmc';

/** Parses `ipmitool mc info` (`Label : value` lines; indented continuation lines are skipped). */
export function parseMcInfo(stdout: string): BmcInfo {
  const fields: Record<string, string> = {};
  for (const line of stdout.split('\n')) {
    const m = /^(\S[^:]*?)\s*:\s*(.*)$/.exec(line);
    if (m && m[2]) fields[m[1]!] = m[2].trim();
  }
  const get = (k: string) => fields[k] ?? null;
  return {
    deviceId: get('Device ID'),
    deviceRevision: get('Device Revision'),
    firmwareRevision: get('Firmware Revision'),
    ipmiVersion: get('IPMI Version'),
    manufacturer: get('Manufacturer Name'),
    product: get('Product Name'),
    fields,
  };
}
