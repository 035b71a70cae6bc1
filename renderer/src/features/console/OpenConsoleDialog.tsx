import { useState } from 'react';
import { useT } from '../../i18n/i18n';
import { Dialog } from '../../ui/Dialog';
import { cancelOpening, openSerial, openVnc, useConsoles } from './consolesStore';

/**
 * Opens a VNC screen (address and port, optionally through a host's SSH connection — the usual libvirt case is
 * 127.0.0.1:59xx via the hypervisor) or a VM's serial console (a VM from the inventory, or a domain via a host).
 */
export function OpenConsoleDialog() {
  const t = useT();
  const { opening } = useConsoles();
  const preset = opening?.preset ?? {};
  const [address, setAddress] = useState(preset.address ?? '127.0.0.1');
  const [port, setPort] = useState(String(preset.port ?? 5900));
  const [socket, setSocket] = useState(preset.socket ?? '');
  const [via, setVia] = useState(preset.via === undefined ? '' : String(preset.via));
  const [vm, setVm] = useState(preset.vm === undefined ? '' : String(preset.vm));
  const [domain, setDomain] = useState(preset.domain ?? '');
  const [alias, setAlias] = useState('');
  if (!opening) return null;
  const vnc = opening.kind === 'vnc';
  const viaRef = via.trim() === '' ? undefined : /^\d+$/.test(via.trim()) ? Number(via.trim()) : via.trim();
  const portNumber = Number(port);
  const unix = socket.trim() !== '';
  const valid = vnc
    ? unix
      ? viaRef !== undefined
      : address.trim() !== '' && Number.isInteger(portNumber) && portNumber > 0 && portNumber < 65536
    : vm.trim() !== '' || (domain.trim() !== '' && viaRef !== undefined);

  const submit = () => {
    if (!valid) return;
    if (vnc) {
      const where = unix ? `unix:${socket.trim()}` : `${address.trim()}:${portNumber}`;
      const label = `${where}${viaRef === undefined ? '' : ` via ${viaRef}`}`;
      openVnc(
        unix ? { socket: socket.trim(), via: viaRef } : { address: address.trim(), port: portNumber, via: viaRef },
        label,
      );
    } else {
      const spec = vm.trim()
        ? { vm: /^\d+$/.test(vm.trim()) ? Number(vm.trim()) : vm.trim(), via: viaRef }
        : { domain: domain.trim(), via: viaRef };
      openSerial({ ...spec, alias: alias.trim() || undefined }, `serial ${vm.trim() || domain.trim()}`);
    }
  };

  return (
    <Dialog
      title={t(vnc ? 'console.open.vncTitle' : 'console.open.serialTitle')}
      closeLabel={t('common.close')}
      size="small"
      onClose={cancelOpening}
      footer={
        <>
          <button type="button" onClick={cancelOpening}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="console-open" className="primary" disabled={!valid}>
            {t('console.open.submit')}
          </button>
        </>
      }
    >
      <form
        id="console-open"
        className="console-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        {vnc ? (
          <>
            <label className="console-field">
              {t('console.open.address')}
              <input data-autofocus value={address} onChange={(e) => setAddress(e.target.value)} />
            </label>
            <label className="console-field">
              {t('console.open.port')}
              <input inputMode="numeric" value={port} onChange={(e) => setPort(e.target.value)} />
            </label>
            <label className="console-field">
              {t('console.open.socket')}
              <input
                value={socket}
                placeholder="/run/libvirt/qemu/vm.vnc"
                onChange={(e) => setSocket(e.target.value)}
              />
            </label>
          </>
        ) : (
          <>
            <label className="console-field">
              {t('console.open.vm')}
              <input data-autofocus value={vm} onChange={(e) => setVm(e.target.value)} />
            </label>
            <label className="console-field">
              {t('console.open.domain')}
              <input value={domain} onChange={(e) => setDomain(e.target.value)} />
            </label>
            <label className="console-field">
              {t('console.open.alias')}
              <input value={alias} placeholder="serial0" onChange={(e) => setAlias(e.target.value)} />
            </label>
          </>
        )}
        <label className="console-field">
          {t('console.open.via')}
          <input value={via} placeholder={t('console.open.viaHint')} onChange={(e) => setVia(e.target.value)} />
        </label>
      </form>
    </Dialog>
  );
}
