import { useEffect, useState, type ReactNode } from 'react';
import type { CommandOutput } from '../../../../common/contract';
import type { Host } from '../../../../common/domain/host';
import { useT } from '../../i18n/i18n';
import { call } from '../../lib/api';
import { ErrorBanner } from '../../ui/ErrorBanner';

type Inspection = CommandOutput<'bmc.inspectCertificate'>;

interface CertificateGateProps {
  host: Host;
  canAct: boolean;
  header: ReactNode;
  children: ReactNode;
}

/**
 * A Redfish BMC is only talked to once its self-signed certificate is pinned. Until then (or when it changed,
 * e.g. after an iLO reset) this shows the certificate and lets the person trust it by its fingerprint.
 */
export function CertificateGate({ host, canAct, header, children }: CertificateGateProps) {
  const t = useT();
  const redfish = host.bmc?.type === 'redfish';
  const [inspection, setInspection] = useState<Inspection | null>(null);
  const [checked, setChecked] = useState(!redfish);
  const [generation, setGeneration] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!redfish) return;
    let live = true;
    call('bmc.inspectCertificate', { hostId: host.id }).then(
      (value) => {
        if (!live) return;
        setInspection(value);
        setChecked(true);
      },
      // An unreachable BMC: the views below say so with their own errors.
      () => live && setChecked(true),
    );
    return () => {
      live = false;
    };
  }, [redfish, host.id, generation]);

  const trust = async () => {
    if (!inspection) return;
    setBusy(true);
    setError(null);
    try {
      const command = inspection.status === 'changed' ? 'bmc.replaceCertificate' : 'bmc.trustCertificate';
      await call(command, { hostId: host.id, fingerprint: inspection.presented.fingerprint });
      setInspection(null);
      setGeneration((g) => g + 1);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (!checked) return <>{header}</>;
  if (!inspection || inspection.status === 'trusted') return <div key={generation}>{children}</div>;
  const changed = inspection.status === 'changed';
  const cert = inspection.presented;
  return (
    <>
      {header}
      <section className={`pw-panel bmc-cert ${changed ? 'bmc-cert-changed' : ''}`} aria-label={t('bmc.cert.title')}>
        <h2>{t(changed ? 'bmc.cert.changedTitle' : 'bmc.cert.title')}</h2>
        <p>{t(changed ? 'bmc.cert.changedText' : 'bmc.cert.unknownText', { name: host.name })}</p>
        <dl className="bmc-info">
          <div>
            <dt>{t('bmc.cert.fingerprint')}</dt>
            <dd className="pw-mono bmc-fingerprint">{cert.fingerprint}</dd>
          </div>
          {changed && inspection.pinned && (
            <div>
              <dt>{t('bmc.cert.pinned')}</dt>
              <dd className="pw-mono bmc-fingerprint">{inspection.pinned.fingerprint}</dd>
            </div>
          )}
          <div>
            <dt>{t('bmc.cert.subject')}</dt>
            <dd className="pw-mono">{cert.subject}</dd>
          </div>
          <div>
            <dt>{t('bmc.cert.issuer')}</dt>
            <dd className="pw-mono">{cert.issuer}</dd>
          </div>
          <div>
            <dt>{t('bmc.cert.valid')}</dt>
            <dd className="pw-mono">
              {cert.validFrom} – {cert.validTo}
            </dd>
          </div>
        </dl>
        <ErrorBanner error={error} />
        {canAct && (
          <div className="pw-toolbar">
            <button
              type="button"
              className={`pw-button ${changed ? 'pw-danger' : 'pw-primary'}`}
              disabled={busy}
              onClick={() => void trust()}
            >
              {t(changed ? 'bmc.cert.replace' : 'bmc.cert.trust')}
            </button>
          </div>
        )}
      </section>
    </>
  );
}
