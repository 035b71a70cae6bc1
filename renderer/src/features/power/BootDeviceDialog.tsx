import { useState, type FormEvent } from 'react';
import type { BootDevice } from '../../../../common/domain/power';
import { useT } from '../../i18n/i18n';
import { Dialog } from '../../ui/Dialog';

const DEVICES: readonly BootDevice[] = ['pxe', 'disk', 'cdrom', 'bios'];

interface BootDeviceDialogProps {
  hostNames: readonly string[];
  onConfirm: (device: BootDevice, persistent: boolean) => void;
  onClose: () => void;
}

/** Next-boot device, once (the usual PXE reinstall) or persistent. */
export function BootDeviceDialog({ hostNames, onConfirm, onClose }: BootDeviceDialogProps) {
  const t = useT();
  const [device, setDevice] = useState<BootDevice>('pxe');
  const [persistent, setPersistent] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onConfirm(device, persistent);
  };
  return (
    <Dialog title={t('power.boot.title')} onClose={onClose} closeLabel={t('common.close')} size="small">
      <form onSubmit={submit} className="pw-form">
        <p className="pw-muted">{t('power.forHosts', { count: hostNames.length, names: hostNames.join(', ') })}</p>
        <fieldset className="pw-fieldset">
          <legend>{t('power.boot.device')}</legend>
          {DEVICES.map((d, i) => (
            <label key={d} className="pw-radio">
              <input
                type="radio"
                name="boot-device"
                value={d}
                checked={device === d}
                onChange={() => setDevice(d)}
                {...(i === 0 ? { 'data-autofocus': true } : {})}
              />
              {t(`power.boot.${d}`)}
            </label>
          ))}
        </fieldset>
        <fieldset className="pw-fieldset">
          <legend>{t('power.boot.when')}</legend>
          <label className="pw-radio">
            <input type="radio" name="boot-when" checked={!persistent} onChange={() => setPersistent(false)} />
            {t('power.boot.once')}
          </label>
          <label className="pw-radio">
            <input type="radio" name="boot-when" checked={persistent} onChange={() => setPersistent(true)} />
            {t('power.boot.persistent')}
          </label>
        </fieldset>
        <div className="pw-dialog-actions">
          <button type="button" className="pw-button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="pw-button pw-primary">
            {t('power.boot.apply')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
