import type { Db } from '../../platform/db';
import type { CertificateInfo } from './peerCertificate';

export interface PinnedCertificate extends CertificateInfo {
  hostId: number;
  pinnedAt: string;
}

interface PinRow {
  host_id: number;
  fingerprint: string;
  subject: string;
  issuer: string;
  valid_from: string;
  valid_to: string;
  pinned_at: string;
}

/** The one certificate each host's Redfish BMC is trusted to present (trust on first use, changed only on purpose). */
export class CertificatePins {
  constructor(private readonly db: Db) {}

  get(hostId: number): PinnedCertificate | null {
    const row = this.db.prepare('SELECT * FROM redfish_certificates WHERE host_id = ?').get(hostId) as
      PinRow | undefined;
    return row ? toPin(row) : null;
  }

  list(): PinnedCertificate[] {
    return (this.db.prepare('SELECT * FROM redfish_certificates ORDER BY host_id').all() as PinRow[]).map(toPin);
  }

  set(hostId: number, cert: CertificateInfo): PinnedCertificate {
    const row: PinRow = {
      host_id: hostId,
      fingerprint: cert.fingerprint,
      subject: cert.subject,
      issuer: cert.issuer,
      valid_from: cert.validFrom,
      valid_to: cert.validTo,
      pinned_at: new Date().toISOString(),
    };
    this.db
      .prepare(
        `INSERT INTO redfish_certificates (host_id, fingerprint, subject, issuer, valid_from, valid_to, pinned_at)
         VALUES (@host_id, @fingerprint, @subject, @issuer, @valid_from, @valid_to, @pinned_at)
         ON CONFLICT(host_id) DO UPDATE SET fingerprint = excluded.fingerprint, subject = excluded.subject,
           issuer = excluded.issuer, valid_from = excluded.valid_from, valid_to = excluded.valid_to,
           pinned_at = excluded.pinned_at`,
      )
      .run(row);
    return toPin(row);
  }
}

function toPin(row: PinRow): PinnedCertificate {
  return {
    hostId: row.host_id,
    fingerprint: row.fingerprint,
    subject: row.subject,
    issuer: row.issuer,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    pinnedAt: row.pinned_at,
  };
}
