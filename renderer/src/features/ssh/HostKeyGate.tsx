import './ssh.css';
import { useState } from 'react';
import { call } from '../../lib/api';
import { useT } from '../../i18n/i18n';
import { ErrorBanner } from '../../ui/ErrorBanner';
import type { TerminalSession } from '../terminal/terminalSession';

/**
 * Shown over a terminal whose host presented a key nobody trusted yet, or a key that changed. Labvisor never
 * accepts either by itself: trusting pins exactly the fingerprint shown here (the server refuses if the host now
 * presents another), and replacing a changed key needs the user to confirm they checked it. Both are audited.
 */
export function HostKeyGate({ session }: { session: TerminalSession }) {
  const t = useT();
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!session.hostKey) return null;
  const { code, problem } = session.hostKey;
  const changed = code === 'host_key_mismatch';

  const accept = async () => {
    setBusy(true);
    setError(null);
    try {
      await call(changed ? 'ssh.replaceHostKey' : 'ssh.trustHostKey', {
        hostId: problem.hostId,
        fingerprint: problem.fingerprint,
      });
      await session.connect();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section
      className={`host-key-gate${changed ? ' host-key-changed' : ''}`}
      role={changed ? 'alert' : 'region'}
      aria-label={t(changed ? 'ssh.hostKey.changedTitle' : 'ssh.hostKey.unknownTitle')}
    >
      <h3>{t(changed ? 'ssh.hostKey.changedTitle' : 'ssh.hostKey.unknownTitle')}</h3>
      <p>
        {t(changed ? 'ssh.hostKey.changedBody' : 'ssh.hostKey.unknownBody', {
          host: `${problem.host}:${problem.port}`,
        })}
      </p>
      <dl>
        {changed && (
          <>
            <dt>{t('ssh.hostKey.pinned')}</dt>
            <dd>
              <code>{problem.pinnedFingerprint}</code>
            </dd>
          </>
        )}
        <dt>{t('ssh.hostKey.presented', { type: problem.keyType })}</dt>
        <dd>
          <code>{problem.fingerprint}</code>
        </dd>
      </dl>
      <p className="muted">{t('ssh.hostKey.howToCheck')}</p>
      {changed && (
        <label>
          <input type="checkbox" checked={checked} onChange={(e) => setChecked(e.target.checked)} />
          {t('ssh.hostKey.confirmChanged')}
        </label>
      )}
      {error !== null && <ErrorBanner error={error} />}
      <div className="host-key-actions">
        <button
          type="button"
          className={changed ? 'btn-danger primary' : 'primary'}
          disabled={busy || (changed && !checked)}
          onClick={() => void accept()}
        >
          {t(changed ? 'ssh.hostKey.replace' : 'ssh.hostKey.trust')}
        </button>
      </div>
    </section>
  );
}
