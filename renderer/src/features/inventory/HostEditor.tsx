import { useMemo, useRef, useState } from 'react';
import { ADDRESS_LABELS, BMC_TYPES, HOST_KINDS, type Host } from '../../../../common/domain/host';
import { call } from '../../lib/api';
import { useT } from '../../i18n/i18n';
import { Dialog } from '../../ui/Dialog';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { ListEditor } from './ListEditor';
import { Field, HostSelect } from './formFields';
import { fieldsFromForm, formFromHost, type FormErrors, type HostForm } from './hostForm';

interface HostEditorProps {
  /** null = a new host. */
  host: Host | null;
  hosts: readonly Host[];
  onClose: (saved: Host | null) => void;
}

const collator = new Intl.Collator(undefined, { numeric: true });

/** Add or edit one host: identity, addresses and aliases, tags, SSH and BMC settings, protection. */
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

  const text = (key: keyof HostForm, label: string, opts: { hint?: string; wide?: boolean; type?: string } = {}) => (
    <Field label={label} name={key} errors={errors} hint={opts.hint} wide={opts.wide}>
      {(p) => (
        <input
          {...p}
          type={opts.type ?? 'text'}
          inputMode={opts.type === 'number' ? 'numeric' : undefined}
          value={form[key] as string}
          onChange={(e) => set(key, e.target.value as never)}
          spellCheck={false}
          autoComplete="off"
        />
      )}
    </Field>
  );

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
        <fieldset>
          <legend>{t('inventory.section.general')}</legend>
          <div className="form-grid">
            <Field label={t('inventory.field.name')} name="name" errors={errors}>
              {(p) => (
                <input
                  {...p}
                  data-autofocus
                  value={form.name}
                  onChange={(e) => set('name', e.target.value)}
                  spellCheck={false}
                  autoComplete="off"
                />
              )}
            </Field>
            <Field label={t('inventory.field.kind')} name="kind" errors={errors}>
              {(p) => (
                <select {...p} value={form.kind} onChange={(e) => set('kind', e.target.value as HostForm['kind'])}>
                  {HOST_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`inventory.kind.${k}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {text('layer', t('inventory.field.layer'), { type: 'number', hint: t('inventory.hint.layer') })}
            <Field label={t('inventory.field.parent')} name="parentId" errors={errors}>
              {(p) => (
                <HostSelect
                  {...p}
                  hosts={sorted}
                  exclude={host?.id ?? null}
                  value={form.parentId}
                  onChange={(v) => set('parentId', v)}
                />
              )}
            </Field>
            <Field label={t('inventory.field.cluster')} name="cluster" errors={errors}>
              {(p) => (
                <>
                  <input
                    {...p}
                    list="host-editor-clusters"
                    value={form.cluster}
                    onChange={(e) => set('cluster', e.target.value)}
                    autoComplete="off"
                  />
                  <datalist id="host-editor-clusters">
                    {clusters.map((c) => (
                      <option key={c} value={c} />
                    ))}
                  </datalist>
                </>
              )}
            </Field>
            {text('role', t('inventory.field.role'))}
            {text('index', t('inventory.field.index'), { type: 'number' })}
            {text('arch', t('inventory.field.arch'))}
            {text('cpus', t('inventory.field.cpus'), { type: 'number' })}
            {text('memoryGiB', t('inventory.field.memory'), { type: 'number' })}
            {text('diskGiB', t('inventory.field.disk'), { type: 'number' })}
            {text('diskType', t('inventory.field.diskType'))}
            {text('numa', t('inventory.field.numa'))}
            {text('tags', t('inventory.field.tags'), { hint: t('inventory.hint.tags') })}
            <Field label={t('inventory.field.notes')} name="notes" errors={errors} wide>
              {(p) => <textarea {...p} rows={3} value={form.notes} onChange={(e) => set('notes', e.target.value)} />}
            </Field>
            <label className="check wide">
              <input type="checkbox" checked={form.protected} onChange={(e) => set('protected', e.target.checked)} />
              {t('inventory.field.protected')} <span className="muted">— {t('inventory.hint.protected')}</span>
            </label>
          </div>
        </fieldset>

        <fieldset>
          <legend>{t('inventory.section.addresses')}</legend>
          <ListEditor
            items={form.addresses}
            onChange={(items) => set('addresses', items)}
            blank={{ label: 'management', address: '' }}
            addLabel={t('inventory.editor.addAddress')}
            removeLabel={t('common.remove')}
            row={(a, i, update) => (
              <>
                <select
                  aria-label={t('inventory.field.addressLabel', { n: i + 1 })}
                  value={a.label}
                  onChange={(e) => update({ label: e.target.value })}
                >
                  {[...new Set([...ADDRESS_LABELS, a.label])].map((l) => (
                    <option key={l} value={l}>
                      {t(`inventory.addressLabel.${l}`) === `inventory.addressLabel.${l}`
                        ? l
                        : t(`inventory.addressLabel.${l}`)}
                    </option>
                  ))}
                </select>
                <input
                  aria-label={t('inventory.field.addressN', { n: i + 1 })}
                  aria-invalid={Boolean(errors[`addresses.${i}.address`])}
                  className="mono"
                  value={a.address}
                  onChange={(e) => update({ address: e.target.value })}
                  spellCheck={false}
                />
              </>
            )}
          />
          <h4>{t('inventory.field.aliases')}</h4>
          <ListEditor
            items={form.aliases}
            onChange={(items) => set('aliases', items)}
            blank={{ name: '', note: '' }}
            addLabel={t('inventory.editor.addAlias')}
            removeLabel={t('common.remove')}
            row={(a, i, update) => (
              <>
                <input
                  aria-label={t('inventory.field.aliasN', { n: i + 1 })}
                  aria-invalid={Boolean(errors[`aliases.${i}.name`])}
                  value={a.name}
                  onChange={(e) => update({ name: e.target.value })}
                  spellCheck={false}
                />
                <input
                  aria-label={t('inventory.field.aliasNoteN', { n: i + 1 })}
                  placeholder={t('inventory.field.aliasNote')}
                  value={a.note}
                  onChange={(e) => update({ note: e.target.value })}
                />
              </>
            )}
          />
        </fieldset>

        <fieldset>
          <legend>{t('inventory.section.ssh')}</legend>
          <div className="form-grid">
            {text('sshUser', t('inventory.field.sshUser'))}
            {text('sshPort', t('inventory.field.sshPort'), { type: 'number', hint: '22' })}
            <Field label={t('inventory.field.jumpHost')} name="sshJumpHostId" errors={errors}>
              {(p) => (
                <HostSelect
                  {...p}
                  hosts={sorted}
                  exclude={host?.id ?? null}
                  value={form.sshJumpHostId}
                  onChange={(v) => set('sshJumpHostId', v)}
                />
              )}
            </Field>
            {text('sshIdentityFile', t('inventory.field.identityFile'), { hint: t('inventory.hint.identityFile') })}
          </div>
        </fieldset>

        <fieldset>
          <legend>{t('inventory.section.bmc')}</legend>
          <label className="check">
            <input type="checkbox" checked={form.bmcEnabled} onChange={(e) => set('bmcEnabled', e.target.checked)} />
            {t('inventory.field.hasBmc')}
          </label>
          {form.bmcEnabled && (
            <div className="form-grid">
              <Field label={t('inventory.field.bmcType')} name="bmcType" errors={errors}>
                {(p) => (
                  <select
                    {...p}
                    value={form.bmcType}
                    onChange={(e) => set('bmcType', e.target.value as HostForm['bmcType'])}
                  >
                    {BMC_TYPES.map((b) => (
                      <option key={b} value={b}>
                        {b === 'ipmi' ? 'IPMI' : 'Redfish'}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              {text('bmcAddress', t('inventory.field.bmcAddress'))}
              {text('bmcPort', t('inventory.field.bmcPort'), {
                type: 'number',
                hint: form.bmcType === 'ipmi' ? '623' : '443',
              })}
              {text('bmcUser', t('inventory.field.bmcUser'))}
              {form.bmcType === 'ipmi' &&
                text('bmcCipherSuite', t('inventory.field.cipherSuite'), {
                  type: 'number',
                  hint: t('inventory.hint.cipherSuite'),
                })}
              <Field label={t('inventory.field.jumpHost')} name="bmcJumpHostId" errors={errors}>
                {(p) => (
                  <HostSelect
                    {...p}
                    hosts={sorted}
                    exclude={host?.id ?? null}
                    value={form.bmcJumpHostId}
                    onChange={(v) => set('bmcJumpHostId', v)}
                  />
                )}
              </Field>
              <Field
                label={t('inventory.field.bmcPassword')}
                name="bmcPassword"
                errors={errors}
                hint={t(host?.bmc?.secretRef ? 'inventory.hint.bmcPasswordStored' : 'inventory.hint.bmcPasswordNone')}
              >
                {(p) => (
                  <input
                    {...p}
                    type="password"
                    value={bmcPassword}
                    onChange={(e) => setBmcPassword(e.target.value)}
                    autoComplete="new-password"
                  />
                )}
              </Field>
              <p className="muted wide">{t('inventory.hint.bmcSecret')}</p>
            </div>
          )}
        </fieldset>
      </form>
    </Dialog>
  );
}
