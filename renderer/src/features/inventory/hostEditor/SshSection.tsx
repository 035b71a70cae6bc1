import { useT } from '../../../i18n/i18n';
import { Field, HostSelect } from '../formFields';
import type { HostPickProps, SectionProps } from './editorProps';
import { TextField } from './TextField';

/** How Labvisor logs in over SSH: user, port, jump host, identity file. */
export function SshSection({ hosts, exclude, ...fields }: SectionProps & HostPickProps) {
  const t = useT();
  const { form, set, errors } = fields;
  return (
    <fieldset>
      <legend>{t('inventory.section.ssh')}</legend>
      <div className="form-grid">
        <TextField {...fields} name="sshUser" label={t('inventory.field.sshUser')} />
        <TextField {...fields} name="sshPort" label={t('inventory.field.sshPort')} type="number" hint="22" />
        <Field label={t('inventory.field.jumpHost')} name="sshJumpHostId" errors={errors}>
          {(p) => (
            <HostSelect
              {...p}
              hosts={hosts}
              exclude={exclude}
              value={form.sshJumpHostId}
              onChange={(v) => set('sshJumpHostId', v)}
            />
          )}
        </Field>
        <TextField
          {...fields}
          name="sshIdentityFile"
          label={t('inventory.field.identityFile')}
          hint={t('inventory.hint.identityFile')}
        />
      </div>
    </fieldset>
  );
}
