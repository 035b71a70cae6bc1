// The host vocabulary as plain values, without zod: the renderer's first page needs these, not the schemas
// (host.ts builds its schemas from them; validation happens in main, where the schema is the door).

export const HOST_KINDS = ['physical', 'vm', 'container', 'device'] as const;

export const ADDRESS_LABELS = ['management', 'data', 'external', 'bmc', 'other'] as const;

/** Out-of-band drivers a host's BMC can be (each is a driver in main/drivers/registry.ts). */
export const BMC_TYPES = ['ipmi', 'redfish'] as const;

/** The address Labvisor connects to: the management address if labelled, else the first one. */
export function primaryAddress(host: { addresses: readonly { address: string; label: string }[] }): string | null {
  const managed = host.addresses.find((a) => a.label === 'management');
  return (managed ?? host.addresses[0])?.address ?? null;
}
