import './console.css';
import type { VmRow } from '../../../../common/contract/virt';
import type { Host } from '../../../../common/domain/host';
import { useT } from '../../i18n/i18n';
import { openSerial, openVnc } from './consolesStore';
import { screenBlocked, serialBlocked, vmScreenTarget, vmSerialSpec } from './vmConsoles';

/**
 * "Screen" and "Serial" for one VM: one click opens a console tab. A VM that has none keeps the button focusable
 * (aria-disabled, not disabled) so its tooltip says why, for the mouse and the keyboard alike.
 */
export function VmConsoleButtons({ vm, hypervisor }: { vm: VmRow; hypervisor: Host }) {
  const t = useT();
  const screen = screenBlocked(vm);
  const serial = serialBlocked(vm);
  const label = vm.hostName ?? vm.name;
  return (
    <span className="console-vm-buttons">
      <button
        type="button"
        aria-disabled={screen !== null}
        title={screen ? t(screen.key, screen.vars) : t('console.vm.screenOf', { name: label })}
        onClick={() => screen === null && openVnc(vmScreenTarget(vm, hypervisor), label)}
      >
        {t('console.vm.screen')}
      </button>
      <button
        type="button"
        aria-disabled={serial !== null}
        title={serial ? t(serial.key) : t('console.vm.serialOf', { name: label })}
        onClick={() => serial === null && openSerial(vmSerialSpec(vm, hypervisor), `serial ${label}`)}
      >
        {t('console.vm.serial')}
      </button>
    </span>
  );
}
