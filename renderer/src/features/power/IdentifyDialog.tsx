import { useState, type FormEvent } from 'react';
import { useT } from '../../i18n/i18n';
import { Dialog } from '../../ui/Dialog';

interface IdentifyDialogProps {
  hostNames: readonly string[];
  /** Of those, the hosts whose BMC has no timed identify (Redfish): Labvisor turns their LED off. */
  appTimed: readonly string[];
  /** seconds 0 turns the LED off; force keeps it on until turned off. */
  onConfirm: (seconds: number, force: boolean) => void;
  onClose: () => void;
}

type Mode = 'timed' | 'force' | 'off';

/** The chassis identify LED: on for N seconds, on until turned off, or off. */
export function IdentifyDialog({ hostNames, appTimed, onConfirm, onClose }: IdentifyDialogProps) {
  const t = useT();
  const [mode, setMode] = useState<Mode>('timed');
  const [seconds, setSeconds] = useState('15');
  const n = Number(seconds);
  const valid = mode !== 'timed' || (Number.isInteger(n) && n >= 1 && n <= 255);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!valid) return;
    if (mode === 'off') onConfirm(0, false);
    else if (mode === 'force') onConfirm(0, true);
    else onConfirm(n, false);
  };
  const radio = (m: Mode, label: string, autofocus = false) => (
    <label className="pw-radio">
      <input
        type="radio"
        name="identify-mode"
        checked={mode === m}
        onChange={() => setMode(m)}
        {...(autofocus ? { 'data-autofocus': true } : {})}
      />
      {label}
    </label>
  );
  return (
    <Dialog title={t('power.identify.title')} onClose={onClose} closeLabel={t('common.close')} size="small">
      <form onSubmit={submit} className="pw-form">
        <p className="pw-muted">{t('power.forHosts', { count: hostNames.length, names: hostNames.join(', ') })}</p>
        <fieldset className="pw-fieldset">
          <legend>{t('power.identify.led')}</legend>
          {radio('timed', t('power.identify.timed'), true)}
          {mode === 'timed' && (
            <label className="pw-field pw-inline">
              <span>{t('power.identify.seconds')}</span>
              <input
                type="number"
                min={1}
                max={255}
                value={seconds}
                onChange={(e) => setSeconds(e.target.value)}
                aria-invalid={!valid}
              />
            </label>
          )}
          {mode === 'timed' && appTimed.length > 0 && (
            <p className="pw-notice" role="note">
              {t('power.identify.appTimedHint', { names: appTimed.join(', ') })}
            </p>
          )}
          {radio('force', t('power.identify.force'))}
          {radio('off', t('power.identify.off'))}
        </fieldset>
        <div className="pw-dialog-actions">
          <button type="button" className="pw-button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="pw-button pw-primary" disabled={!valid}>
            {t('power.identify.apply')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
