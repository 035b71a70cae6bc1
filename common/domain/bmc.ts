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
