import { z } from 'zod';
import { mutation, query } from './define';

const Id = z.number().int().positive();
/** SHA-256 of the DER certificate in hex, with or without colons (as browsers and openssl show it). */
const Fingerprint = z
  .string()
  .trim()
  .regex(/^(sha256:)?([0-9a-fA-F]{2}:?){31}[0-9a-fA-F]{2}$/, 'expected a SHA-256 certificate fingerprint');

export const CertificateInfo = z.object({
  fingerprint: z.string(),
  subject: z.string(),
  issuer: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
});
export type CertificateInfo = z.infer<typeof CertificateInfo>;

export const PinnedCertificate = CertificateInfo.extend({ hostId: Id, pinnedAt: z.string() });
export type PinnedCertificate = z.infer<typeof PinnedCertificate>;

export const redfishCommands = {
  /** The certificate a host's Redfish BMC presents now (a TLS handshake only; nothing is sent) and its pin. */
  'redfish.inspectCertificate': query(
    z.object({ hostId: Id }),
    z.object({
      presented: CertificateInfo,
      pinned: PinnedCertificate.nullable(),
      status: z.enum(['trusted', 'unknown', 'changed']),
    }),
  ),
  'redfish.listCertificates': query(z.object({}), z.array(PinnedCertificate)),
  /**
   * Trusts (pins) the certificate the BMC presents, which must have the fingerprint the person confirmed
   * (`conflict` otherwise); refused with `certificate_mismatch` if another certificate is already trusted.
   */
  'redfish.trustCertificate': mutation(z.object({ hostId: Id, fingerprint: Fingerprint }), PinnedCertificate),
  /** Replaces a trusted certificate that changed (e.g. after an iLO reset), once confirmed by its fingerprint. */
  'redfish.replaceCertificate': mutation(z.object({ hostId: Id, fingerprint: Fingerprint }), PinnedCertificate),
} as const;

export const redfishEvents = {} as const;
