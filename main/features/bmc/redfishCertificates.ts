import type { Door } from '../../../common/contract';
import type { Host } from '../../../common/domain/host';
import { AppError } from '../../../common/result';
import type { AuditLog } from '../audit/auditLog';
import type { PinnedCertificate } from '../../drivers/redfish/certificatePins';
import { normalizeFingerprint, type CertificateInfo } from '../../drivers/redfish/peerCertificate';
import { openTls } from '../../drivers/redfish/pinnedTlsAgent';
import { connectFor, redfishTargetOf, type RedfishDeps } from '../../drivers/redfish/redfishEndpoint';
import { DEFAULT_REDFISH_TIMEOUTS } from '../../drivers/redfish/redfishClient';

export interface CertificateView {
  presented: CertificateInfo;
  pinned: PinnedCertificate | null;
  status: 'trusted' | 'unknown' | 'changed';
}

/** Trust on first use for Redfish BMCs: look at what a BMC presents, pin it, or replace a pin on purpose. */
export class RedfishCertificates {
  constructor(
    private readonly deps: RedfishDeps,
    private readonly audit: AuditLog,
    /** Ends what was kept over the previous pin (the drivers' sessions and their connections). */
    private readonly onPinned: (hostId: number) => Promise<void>,
  ) {}

  list(): PinnedCertificate[] {
    return this.deps.pins.list();
  }

  /** Completes a TLS handshake only (nothing is sent) and compares the certificate with the pin. */
  async inspect(host: Host): Promise<CertificateView> {
    const target = redfishTargetOf(host);
    const { socket, certificate } = await openTls({
      address: target.address,
      port: target.port,
      connect: connectFor(target, this.deps),
      connectTimeoutMs: this.deps.timeouts?.connectMs ?? DEFAULT_REDFISH_TIMEOUTS.connectMs,
    });
    socket.destroy();
    const pinned = this.deps.pins.get(host.id);
    const status = !pinned ? 'unknown' : pinned.fingerprint === certificate.fingerprint ? 'trusted' : 'changed';
    return { presented: certificate, pinned, status };
  }

  /**
   * Pins the certificate the BMC presents now, provided it is the one the person confirmed (`fingerprint`).
   * A different pin already in place is only replaced with `replace` (the explicit "replace certificate" command).
   */
  async trust(host: Host, fingerprint: string, replace: boolean, door: Door): Promise<PinnedCertificate> {
    const action = replace ? 'bmc.replaceCertificate' : 'bmc.trustCertificate';
    const view = await this.inspect(host);
    const confirmed = normalizeFingerprint(fingerprint);
    if (confirmed !== view.presented.fingerprint)
      throw new AppError(
        'conflict',
        `${host.name}: the BMC presents ${view.presented.fingerprint}, not the confirmed ${confirmed || fingerprint}`,
        view.presented,
      );
    if (view.status === 'changed' && !replace)
      throw new AppError(
        'certificate_mismatch',
        `${host.name}: a different certificate is trusted for this BMC; replace it explicitly if the change is expected`,
        { ...view.presented, pinnedFingerprint: view.pinned!.fingerprint },
      );
    const pin = this.deps.pins.set(host.id, view.presented);
    this.audit.append({
      door,
      action,
      target: host.name,
      before: view.pinned ? { fingerprint: view.pinned.fingerprint, subject: view.pinned.subject } : null,
      after: { fingerprint: pin.fingerprint, subject: pin.subject, validTo: pin.validTo },
      result: 'ok',
    });
    await this.onPinned(host.id);
    return pin;
  }
}
