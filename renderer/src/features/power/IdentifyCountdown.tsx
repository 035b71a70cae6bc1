import { useEffect, useState } from 'react';
import { useT } from '../../i18n/i18n';

export interface IdentifyTimer {
  /** Hosts whose BMC has no timed identify (Redfish): Labvisor turns their LED off at `endsAt`. */
  hostNames: string[];
  hostIds: number[];
  endsAt: number;
}

/** How long the "time is up" line stays after the countdown ends. */
const DONE_SHOWN_MS = 5000;

/**
 * A visible countdown for an identify LED that Labvisor, not the BMC, turns off (Redfish has no timed identify):
 * the app turns it off when the time is up while it runs; the line says that closing Labvisor first leaves the
 * LED on. "Turn off now" ends it early.
 */
export function IdentifyCountdown({
  timer,
  onTurnOff,
  onDone,
}: {
  timer: IdentifyTimer;
  onTurnOff: () => void;
  onDone: () => void;
}) {
  const t = useT();
  const [now, setNow] = useState(() => Date.now());
  const left = Math.max(0, Math.ceil((timer.endsAt - now) / 1000));
  useEffect(() => {
    if (now >= timer.endsAt + DONE_SHOWN_MS) {
      onDone();
      return;
    }
    const tick = setTimeout(() => setNow(Date.now()), 250);
    return () => clearTimeout(tick);
  }, [now, timer.endsAt, onDone]);
  const names = timer.hostNames.join(', ');
  return (
    <div className="pw-notice pw-identify-countdown" role="status" data-seconds-left={left}>
      {left > 0 ? (
        <>
          <span>{t('power.identify.countdown', { names, seconds: left })}</span>{' '}
          <strong>{t('power.identify.staysOnIfClosed')}</strong>{' '}
          <button type="button" className="pw-button" onClick={onTurnOff}>
            {t('power.identify.turnOffNow')}
          </button>
        </>
      ) : (
        <span>{t('power.identify.timeUp', { names })}</span>
      )}
    </div>
  );
}
