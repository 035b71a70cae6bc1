import { z } from 'zod';
import { BmcInfo, HealthLevel, SelEntry, Sensor } from '../domain/bmc';
import { PowerState } from '../domain/power';
import { PowerTarget } from './power';
import { mutation, query } from './define';

/** A host name or alias, or its id. */
const HostRef = PowerTarget;

export const BmcHealth = z.object({
  hostId: z.number().int(),
  hostName: z.string(),
  reachable: z.boolean(),
  power: PowerState,
  level: HealthLevel,
  /** The sensor with the worst level, e.g. `Inlet Temp 85 degrees C (cr)`; null when all are fine. */
  worstSensor: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  checkedAt: z.string(),
});
export type BmcHealth = z.infer<typeof BmcHealth>;

const Id = z.number().int().positive();
/** SHA-256 of the DER certificate in hex, with or without colons (as browsers and openssl show it). */
const Fingerprint = z
  .string()
  .trim()
  .regex(/^(sha256:)?([0-9a-fA-F]{2}:?){31}[0-9a-fA-F]{2}$/, 'expected a SHA-256 certificate fingerprint');

const CertificateInfo = z.object({
  fingerprint: z.string(),
  subject: z.string(),
  issuer: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
});

const PinnedCertificate = CertificateInfo.extend({ hostId: Id, pinnedAt: z.string() });

export const bmcCommands = {
  /** Stores the BMC password in the vault and points the host's BMC settings at it; never logged or returned. */
  'bmc.setPassword': mutation(
    z.object({ hostId: z.number().int().positive(), password: z.string().min(1).max(256) }),
    z.object({ ref: z.string() }),
  ),
  'bmc.clearPassword': mutation(z.object({ hostId: z.number().int().positive() }), z.object({ removed: z.boolean() })),
  'bmc.health': query(
    z.object({ targets: z.array(PowerTarget).min(1), concurrency: z.number().int().min(1).max(64).default(8) }),
    z.array(BmcHealth),
  ),
  'bmc.sensors': query(
    z.object({ host: HostRef }),
    z.object({ hostName: z.string(), sensors: z.array(Sensor), readAt: z.string() }),
  ),
  'bmc.sel': query(z.object({ host: HostRef }), z.object({ hostName: z.string(), entries: z.array(SelEntry) })),
  /** Destructive: `confirm.hostNames` must name the host (`confirmation_required` otherwise). */
  'bmc.clearSel': mutation(
    z.object({ host: HostRef, confirm: z.object({ hostNames: z.array(z.string()) }).optional() }),
    z.object({ hostName: z.string(), cleared: z.number().int() }),
  ),
  'bmc.info': query(z.object({ host: HostRef }), BmcInfo.extend({ hostName: z.string() })),
  /**
   * Starts polling `bmc.health` for these hosts (gently: BMCs hang under bursts) and emitting `bmc.health`
   * events. A watch lapses unless renewed (call again with its `watchId`) within `leaseSec`.
   */
  'bmc.watch': query(
    z.object({
      targets: z.array(PowerTarget).min(1),
      intervalSec: z.number().int().min(5).max(3600).default(30),
      watchId: z.string().optional(),
    }),
    z.object({ watchId: z.string(), leaseSec: z.number() }),
  ),
  'bmc.unwatch': query(z.object({ watchId: z.string() }), z.object({ stopped: z.boolean() })),
  /**
   * Opens Serial-over-LAN as a byte stream (`services.streams`, kind `sol`). `force` first deactivates a
   * session left active elsewhere (the usual "SOL payload already active"); without it that is a `conflict`.
   */
  'bmc.openSol': mutation(
    z.object({ host: HostRef, force: z.boolean().default(false) }),
    z.object({ streamId: z.string() }),
  ),
  'bmc.deactivateSol': mutation(z.object({ host: HostRef }), z.object({ hostName: z.string() })),
  // Trust on first use for Redfish BMCs' TLS certificates.
  /** The certificate a host's Redfish BMC presents now (a TLS handshake only; nothing is sent) and its pin. */
  'bmc.inspectCertificate': query(
    z.object({ hostId: Id }),
    z.object({
      presented: CertificateInfo,
      pinned: PinnedCertificate.nullable(),
      status: z.enum(['trusted', 'unknown', 'changed']),
    }),
  ),
  'bmc.listCertificates': query(z.object({}), z.array(PinnedCertificate)),
  /**
   * Trusts (pins) the certificate the BMC presents, which must have the fingerprint the person confirmed
   * (`conflict` otherwise); refused with `certificate_mismatch` if another certificate is already trusted.
   */
  'bmc.trustCertificate': mutation(z.object({ hostId: Id, fingerprint: Fingerprint }), PinnedCertificate),
  /** Replaces a trusted certificate that changed (e.g. after an iLO reset), once confirmed by its fingerprint. */
  'bmc.replaceCertificate': mutation(z.object({ hostId: Id, fingerprint: Fingerprint }), PinnedCertificate),
} as const;

export const bmcEvents = {
  'bmc.health': BmcHealth,
} as const;
