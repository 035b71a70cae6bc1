import { z } from 'zod';

/** Worst first is the order a health summary is reduced in. */
export const HEALTH_LEVELS = ['ok', 'warning', 'critical', 'unknown'] as const;
export const HealthLevel = z.enum(HEALTH_LEVELS);
export type HealthLevel = z.infer<typeof HealthLevel>;

export const SENSOR_KINDS = ['temperature', 'fan', 'voltage', 'current', 'power', 'psu', 'other'] as const;
export const SensorKind = z.enum(SENSOR_KINDS);
export type SensorKind = z.infer<typeof SensorKind>;

const Threshold = z.number().nullable();

/** IPMI's six thresholds (lower/upper non-recoverable, critical, non-critical); null where the BMC has none. */
export const SensorThresholds = z.object({
  lnr: Threshold,
  lc: Threshold,
  lnc: Threshold,
  unc: Threshold,
  uc: Threshold,
  unr: Threshold,
});
export type SensorThresholds = z.infer<typeof SensorThresholds>;

export const Sensor = z.object({
  name: z.string(),
  kind: SensorKind,
  /** null when the sensor gives no reading (absent, disabled, discrete). */
  reading: z.number().nullable(),
  unit: z.string(),
  level: HealthLevel,
  /** The BMC's own status text (`ok`, `cr`, `nc`, `ns`, `0x0100`...). */
  status: z.string(),
  thresholds: SensorThresholds,
});
export type Sensor = z.infer<typeof Sensor>;

export const SelEntry = z.object({
  /** The BMC's record id (hex). */
  id: z.string(),
  /** As the BMC reports it; `Pre-Init` when its clock was never set. */
  date: z.string(),
  time: z.string(),
  sensor: z.string(),
  event: z.string(),
  direction: z.enum(['asserted', 'deasserted']).nullable(),
  /** For a threshold event, which way the reading crossed it ("Upper Critical going high"). */
  going: z.enum(['high', 'low']).nullable(),
});
export type SelEntry = z.infer<typeof SelEntry>;

export const BmcInfo = z.object({
  deviceId: z.string().nullable(),
  deviceRevision: z.string().nullable(),
  firmwareRevision: z.string().nullable(),
  ipmiVersion: z.string().nullable(),
  manufacturer: z.string().nullable(),
  product: z.string().nullable(),
  /** Every field the BMC returned, by its own label. */
  fields: z.record(z.string(), z.string()),
});
export type BmcInfo = z.infer<typeof BmcInfo>;

/** A BMC's network address split from its port (null: the driver's default, 623 for IPMI, 443 for Redfish). */
export interface BmcEndpoint {
  address: string;
  port: number | null;
}

const IPV4_OR_NAME = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,251}[A-Za-z0-9_])?$/;
/** IPv6 text (with an optional zone, `fe80::1%eth0`); the full check is left to the socket. */
const IPV6 = /^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(?:%[\w.-]{1,32})?$/;

/**
 * What people write for a BMC, as address and port: `10.0.0.5`, `ilo.lab`, `10.0.0.5:8443`, `[fd00::5]:623`,
 * `fd00::5` (a bare IPv6 address has no port: write `[v6]:port`), or an iLO page's URL `https://10.0.0.5:8443/`.
 * Anything else is refused with a message saying why, so a string with a port never reaches a resolver.
 */
export function parseBmcAddress(text: string): { ok: true; value: BmcEndpoint } | { ok: false; message: string } {
  const refuse = (why: string) => ({ ok: false as const, message: `BMC address "${text.slice(0, 80)}" ${why}` });
  let rest = text.trim();
  const url = /^https?:\/\/([^/?#]*)(?:[/?#].*)?$/i.exec(rest);
  if (url) rest = url[1]!;
  if (/^[^@]*@/.test(rest)) return refuse('must not contain a user name (set the BMC user field)');
  if (!rest) return refuse('is empty');
  let address = rest;
  let portText: string | null = null;
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(rest);
  if (bracketed) {
    address = bracketed[1]!;
    portText = bracketed[2] ?? null;
    if (!IPV6.test(address)) return refuse('has brackets around something that is not an IPv6 address');
  } else if ((rest.match(/:/g) ?? []).length === 1) {
    [address, portText] = rest.split(':') as [string, string];
  }
  if (portText !== null && !/^\d{1,5}$/.test(portText)) return refuse(`has a port that is not a number`);
  const port = portText === null ? null : Number(portText);
  if (port !== null && (port < 1 || port > 65535)) return refuse('has a port outside 1-65535');
  const v6 = address.includes(':');
  if (v6 ? !IPV6.test(address) : !IPV4_OR_NAME.test(address))
    return refuse(
      v6 ? 'is not an IPv6 address (write [v6]:port for a port)' : 'is not a host name or IP address (host[:port])',
    );
  return { ok: true, value: { address, port } };
}
