import { useT } from '../../i18n/i18n';
import type { LifecycleAction } from './useLifecycle';

const ACTIONS: { action: LifecycleAction; label: string }[] = [
  { action: 'on', label: 'virt.start' },
  { action: 'soft', label: 'virt.shutdown' },
  { action: 'reboot', label: 'virt.reboot' },
  { action: 'off', label: 'virt.forceOff' },
  { action: 'reset', label: 'virt.reset' },
];

export function LifecycleButtons({
  disabled,
  onAction,
}: {
  disabled: boolean;
  onAction: (action: LifecycleAction) => void;
}) {
  const t = useT();
  return (
    <>
      {ACTIONS.map((a) => (
        <button
          key={a.action}
          type="button"
          className={a.action === 'off' ? 'danger' : undefined}
          disabled={disabled}
          onClick={() => onAction(a.action)}
        >
          {t(a.label)}
        </button>
      ))}
    </>
  );
}
