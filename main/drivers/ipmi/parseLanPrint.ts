/** `ipmitool lan print` labels → the names BMC info shows (the same as for Redfish managers' NICs). */
const LAN_FIELDS: Record<string, string> = {
  'MAC Address': 'MAC Address',
  'IP Address Source': 'IP Address Source',
  'IP Address': 'IPv4 Address',
  'Subnet Mask': 'Subnet Mask',
  'Default Gateway IP': 'Default Gateway',
  '802.1q VLAN ID': 'VLAN ID',
};

/** The BMC's own network settings from `ipmitool lan print` (`Label : value`; continuation lines skipped). */
export function parseLanPrint(stdout: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of stdout.split('\n')) {
    const m = /^(\S[^:]*?)\s*:\s*(.*)$/.exec(line);
    const name = m ? LAN_FIELDS[m[1]!] : undefined;
    if (name && m![2]!.trim()) fields[name] = m![2]!.trim();
  }
  return fields;
}
