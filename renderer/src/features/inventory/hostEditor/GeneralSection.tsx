import { HOST_KINDS } from '../../../../../common/domain/host';
import { useT } from '../../../i18n/i18n';
import { Field, HostSelect } from '../formFields';
import type { HostForm } from '../hostForm';
import type { HostPickProps, SectionProps } from './editorProps';
import { TextField } from './TextField';

/** Identity and placement (name, kind, layer, parent, cluster), sizing, tags, notes and protection. */
export function GeneralSection(props: SectionProps & HostPickProps & { clusters: readonly string[] }) {
  const t = useT();
  const { form, set, errors, hosts, exclude, clusters } = props;
  const text = (name: keyof HostForm, label: string, opts: { hint?: string; type?: string } = {}) => (
    <TextField form={form} set={set} errors={errors} name={name} label={label} {...opts} />
  );
  return (
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
              hosts={hosts}
              exclude={exclude}
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
  );
}
