import { useMemo, useRef, useState } from 'react';
import type { Host } from '../../../../../common/domain/host';
import { call } from '../../../lib/api';
import { useT } from '../../../i18n/i18n';
import { Dialog } from '../../../ui/Dialog';
import { ErrorBanner } from '../../../ui/ErrorBanner';
import { AddressesSection } from './AddressesSection';
import { BmcSection } from './BmcSection';
import { GeneralSection } from './GeneralSection';
import { SshSection } from './SshSection';
import { fieldsFromForm, formFromHost, type FormErrors, type HostForm } from '../hostForm';

interface HostEditorProps {
  /** null = a new host. */
  host: Host | null;
  hosts: readonly Host[];
  onClose: (saved: Host | null) => void;
}

const collator = new Intl.Collator(undefined, { numeric: true });

/** Add or edit one host: validates the form, saves the host (and the BMC password to the vault), reports errors. */
export function HostEditor({ host, hosts, onClose }: HostEditorProps) {
  const t = useT();
  const [form, setForm] = useState<HostForm>(() => formFromHost(host));
  const [errors, setErrors] = useState<FormErrors>({});
  const [serverError, setServerError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // Write-only: sent to the vault on save, never part of the host's fields, never read back.
  const [bmcPassword, setBmcPassword] = useState('');
  const formRef = useRef<HTMLFormElement>(null);
  const sorted = useMemo(() => [...hosts].sort((a, b) => collator.compare(a.name, b.name)), [hosts]);
  const clusters = useMemo(() => [...new Set(hosts.map((h) => h.cluster).filter(Boolean))] as string[], [hosts]);
  const set = <K extends keyof HostForm>(key: K, value: HostForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const fields = { form, set, errors };
  const pick = { hosts: sorted, exclude: host?.id ?? null };

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const result = fieldsFromForm(form, host);
    if (!result.ok) {
      setErrors(result.errors);
      // Put the cursor on the first problem, which may be scrolled out of view.
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setErrors({});
    setServerError(null);
    setBusy(true);
    try {
      const saved = host
        ? await call('inventory.updateHost', { id: host.id, changes: result.fields })
        : await call('inventory.addHost', result.fields);
      if (form.bmcEnabled && bmcPassword) await call('bmc.setPassword', { hostId: saved.id, password: bmcPassword });
      onClose(saved);
    } catch (error) {
      setServerError(error);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={host ? t('inventory.editor.editTitle', { name: host.name }) : t('inventory.editor.addTitle')}
      onClose={() => onClose(null)}
      size="large"
      busy={busy}
      closeLabel={t('common.close')}
      footer={
        <>
          <button type="button" onClick={() => onClose(null)} disabled={busy}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="host-editor-form" className="primary" disabled={busy}>
            {busy ? t('inventory.editor.saving') : host ? t('common.save') : t('inventory.editor.add')}
          </button>
        </>
      }
    >
      <form id="host-editor-form" ref={formRef} onSubmit={(e) => void save(e)} noValidate>
        <ErrorBanner error={serverError} />
        {Object.keys(errors).length > 0 && (
          <div className="banner banner-error" role="alert">
            {t('inventory.form.fix', { count: Object.keys(errors).length })}
          </div>
        )}
        <GeneralSection {...fields} {...pick} clusters={clusters} />
        <AddressesSection {...fields} />
        <SshSection {...fields} {...pick} />
        <BmcSection
          {...fields}
          {...pick}
          password={bmcPassword}
          onPassword={setBmcPassword}
          passwordStored={Boolean(host?.secrets.bmcPassword)}
        />
      </form>
    </Dialog>
  );
}
