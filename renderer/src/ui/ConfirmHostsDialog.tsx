import { useState, type FormEvent } from 'react';
import { useT } from '../i18n/i18n';
import { Dialog } from './Dialog';
import { LockIcon } from './icons';

interface ConfirmHost {
  hostName: string;
  protected: boolean;
}

interface ConfirmHostsDialogProps {
  title: string;
  /** Already translated: "Power off", "Clear the event log of"... */
  actionLabel: string;
  /** What happens, in one sentence (already translated). */
  consequence: string;
  hosts: readonly ConfirmHost[];
  onConfirm: (forceProtected: string[]) => void;
  onClose: () => void;
}

/**
 * Names the action and every host it touches; a protected host also needs its name typed, so a slip of the
 * finger cannot power off the NAS. Enter confirms only once everything required is typed.
 */
export function ConfirmHostsDialog({
  title,
  actionLabel,
  consequence,
  hosts,
  onConfirm,
  onClose,
}: ConfirmHostsDialogProps) {
  const t = useT();
  const protectedHosts = hosts.filter((h) => h.protected);
  const [typed, setTyped] = useState<Record<string, string>>({});
  const valid = protectedHosts.every((h) => (typed[h.hostName] ?? '').trim() === h.hostName);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (valid) onConfirm(protectedHosts.map((h) => h.hostName));
  };

  return (
    <Dialog title={title} onClose={onClose} closeLabel={t('common.close')} size="medium">
      <form onSubmit={submit} className="pw-confirm" aria-label={title}>
        <p className="pw-confirm-lead">
          <strong>{actionLabel}</strong> — {t('power.confirm.count', { count: hosts.length })}
        </p>
        <p className="pw-muted">{consequence}</p>
        <ul className="pw-confirm-hosts" aria-label={t('power.confirm.hostsLabel')}>
          {hosts.map((h) => (
            <li key={h.hostName}>
              <span className="pw-mono">{h.hostName}</span>
              {h.protected && (
                <span className="pw-protected">
                  <LockIcon /> {t('power.protected')}
                </span>
              )}
            </li>
          ))}
        </ul>
        {protectedHosts.map((h, i) => (
          <label key={h.hostName} className="pw-field">
            <span>{t('power.confirm.typeName', { name: h.hostName })}</span>
            <input
              type="text"
              autoComplete="off"
              spellCheck={false}
              value={typed[h.hostName] ?? ''}
              onChange={(e) => setTyped((prev) => ({ ...prev, [h.hostName]: e.target.value }))}
              aria-invalid={(typed[h.hostName] ?? '').trim() !== h.hostName}
              {...(i === 0 ? { 'data-autofocus': true } : {})}
            />
          </label>
        ))}
        <div className="pw-dialog-actions">
          <button type="button" className="pw-button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="submit"
            className="pw-button pw-danger"
            disabled={!valid}
            {...(protectedHosts.length === 0 ? { 'data-autofocus': true } : {})}
          >
            {actionLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
