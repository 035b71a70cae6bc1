import type { PeerCertificate } from 'node:tls';

/** What a person needs to decide whether to trust a BMC's certificate. */
export interface CertificateInfo {
  /** SHA-256 of the DER certificate, colon-separated upper-case hex, as browsers and openssl show it. */
  fingerprint: string;
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
}

const distinguishedName = (name: PeerCertificate['subject'] | undefined) =>
  Object.entries(name ?? {})
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : String(v)}`)
    .join(', ');

export function describeCertificate(cert: PeerCertificate): CertificateInfo {
  return {
    fingerprint: cert.fingerprint256,
    subject: distinguishedName(cert.subject),
    issuer: distinguishedName(cert.issuer),
    validFrom: new Date(cert.valid_from).toISOString(),
    validTo: new Date(cert.valid_to).toISOString(),
  };
}

/** Accepts fingerprints as people paste them: any case, with or without colons. */
export function normalizeFingerprint(value: string): string {
  const hex = value
    .replace(/^sha256:/i, '')
    .replace(/[^0-9a-f]/gi, '')
    .toUpperCase();
  return hex.match(/.{2}/g)?.join(':') ?? '';
}
