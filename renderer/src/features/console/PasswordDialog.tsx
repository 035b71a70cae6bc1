import { useState } from 'react';
import { useT } from '../../i18n/i18n';
import { Dialog } from '../../ui/Dialog';
import type { VncSession } from './vncSession';

/**
 * Asks for a VNC password the vault does not have (or that the server just rejected). The password goes to the
 * main process with the open command and is kept in the vault only when "remember" is ticked and it worked.
 */
export function PasswordDialog({ session }: { session: VncSession }) {
  const t = useT();
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(false);
  return (
    <Dialog
      title={t('console.password.title', { target: session.title })}
      closeLabel={t('common.close')}
      size="small"
      onClose={() => session.cancelPassword()}
      footer={
        <>
          <button type="button" onClick={() => session.cancelPassword()}>
            {t('common.cancel')}
          </button>
          <button type="submit" form={`vnc-password-${session.key}`} className="primary" disabled={!password}>
            {t('console.password.connect')}
          </button>
        </>
      }
    >
      <form
        id={`vnc-password-${session.key}`}
        onSubmit={(e) => {
          e.preventDefault();
          if (password) void session.connect(password, remember);
        }}
      >
        {session.passwordError && (
          <p className="console-password-error" role="alert">
            {t('console.password.wrong')} <span className="console-detail">{session.message}</span>
          </p>
        )}
        <label className="console-field">
          {t('console.password.label')}
          <input
            type="password"
            autoComplete="off"
            data-autofocus
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {session.target.via === undefined ? (
          <p className="console-hint">{t('console.password.rememberNeedsVia')}</p>
        ) : (
          <label className="console-check">
            <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
            {t('console.password.remember')}
          </label>
        )}
      </form>
    </Dialog>
  );
}
