import { parseBmcAddress } from '../../../common/domain/bmcAddress';
import type { Host } from '../../../common/domain/host';
import { AppError } from '../../../common/result';
import type { Logger } from '../../platform/log';
import type { SecretSource } from '../../platform/secrets/secretKeys';
import type { CertificatePins } from './certificatePins';
import type { CertificateInfo } from './peerCertificate';
import { directConnect, type CertificateCheck, type ConnectFn } from './pinnedTlsAgent';
import { RedfishClient, type RedfishTimeouts } from './redfishClient';

/** What every Redfish connection needs from the rest of the app. */
export interface RedfishDeps {
  pins: CertificatePins;
  vault: SecretSource;
  /** The TCP stream through a jump host (the SSH feature's forwardOut); absent: no jump hosts. */
  connectVia?: (jumpHostId: number) => ConnectFn;
  timeouts?: Partial<RedfishTimeouts>;
  log?: Logger;
}

export interface RedfishTarget {
  hostId: number;
  hostName: string;
  address: string;
  port: number;
  jumpHostId: number | null;
}

export function redfishTargetOf(host: Host): RedfishTarget {
  const bmc = host.bmc;
  if (!bmc) throw new AppError('unsupported', `${host.name} has no BMC configured`);
  if (bmc.type !== 'redfish') throw new AppError('unsupported', `${host.name}'s BMC is ${bmc.type}, not Redfish`);
  // Rows stored before addresses were split may still say `host:port`; never hand that to a resolver.
  const endpoint = parseBmcAddress(bmc.address);
  if (!endpoint.ok) throw new AppError('invalid_input', `${host.name}: ${endpoint.message}`);
  return {
    hostId: host.id,
    hostName: host.name,
    address: endpoint.value.address,
    port: bmc.port ?? endpoint.value.port ?? 443,
    jumpHostId: bmc.jumpHostId,
  };
}

export function connectFor(target: RedfishTarget, deps: Pick<RedfishDeps, 'connectVia'>): ConnectFn {
  if (target.jumpHostId === null) return directConnect;
  if (!deps.connectVia)
    throw new AppError('unsupported', `${target.hostName}: reaching a BMC through a jump host is not available`);
  return deps.connectVia(target.jumpHostId);
}

/** Refuses any certificate but the pinned one: unknown → `host_key_unknown`, changed → `certificate_mismatch`. */
export function pinnedCertificateCheck(target: RedfishTarget, pins: CertificatePins): CertificateCheck {
  return (cert: CertificateInfo) => {
    const pinned = pins.get(target.hostId);
    if (!pinned)
      throw new AppError(
        'host_key_unknown',
        `${target.hostName}: the BMC's certificate is not trusted yet (SHA-256 ${cert.fingerprint}); trust it first`,
        cert,
      );
    if (pinned.fingerprint !== cert.fingerprint)
      throw new AppError(
        'certificate_mismatch',
        `${target.hostName}: the BMC presented a different certificate (SHA-256 ${cert.fingerprint}) than the trusted ` +
          `one (${pinned.fingerprint}); nothing was sent. Replace the trusted certificate if the change is expected.`,
        { ...cert, pinnedFingerprint: pinned.fingerprint },
      );
  };
}

/** A client for the host's BMC with its credentials from the vault; the password never leaves this process. */
export function redfishClientFor(host: Host, deps: RedfishDeps): RedfishClient {
  const target = redfishTargetOf(host);
  const password = deps.vault.get({ hostId: host.id, purpose: 'bmc-password' });
  if (password === null)
    throw new AppError('auth_failed', `${host.name}: no BMC password stored (labvisor secret set ${host.name} --bmc)`);
  return new RedfishClient({
    label: host.name,
    address: target.address,
    port: target.port,
    user: host.bmc!.user ?? 'Administrator',
    password,
    check: pinnedCertificateCheck(target, deps.pins),
    connect: connectFor(target, deps),
    timeouts: deps.timeouts,
    log: deps.log,
  });
}
