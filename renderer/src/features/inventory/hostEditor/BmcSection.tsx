import { BMC_TYPES } from '../../../../../common/domain/host';
import { useT } from '../../../i18n/i18n';
import { Field, HostSelect } from '../formFields';
import type { HostForm } from '../hostForm';
import type { HostPickProps, SectionProps } from './editorProps';
import { TextField } from './TextField';

interface Props extends SectionProps, HostPickProps {
  /** Write-only: sent to the vault on save, never part of the host's fields, never read back. */
  password: string;
  onPassword(password: string): void;
  /** Whether the vault already holds a password for this host. */
  passwordStored: boolean;
}

/** The out-of-band controller: type, address, port, user, cipher suite (IPMI), jump host, password. */
export function BmcSection({ hosts, exclude, password, onPassword, passwordStored, ...fields }: Props) {
  const t = useT();
  const { form, set, errors } = fields;
  return (
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
                    {t(`common.driver.${b}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <TextField {...fields} name="bmcAddress" label={t('inventory.field.bmcAddress')} />
          <TextField
            {...fields}
            name="bmcPort"
            label={t('inventory.field.bmcPort')}
            type="number"
            hint={form.bmcType === 'ipmi' ? '623' : '443'}
          />
          <TextField {...fields} name="bmcUser" label={t('inventory.field.bmcUser')} />
          {form.bmcType === 'ipmi' && (
            <TextField
              {...fields}
              name="bmcCipherSuite"
              label={t('inventory.field.cipherSuite')}
              type="number"
              hint={t('inventory.hint.cipherSuite')}
            />
          )}
          <Field label={t('inventory.field.jumpHost')} name="bmcJumpHostId" errors={errors}>
            {(p) => (
              <HostSelect
                {...p}
                hosts={hosts}
                exclude={exclude}
                value={form.bmcJumpHostId}
                onChange={(v) => set('bmcJumpHostId', v)}
              />
            )}
          </Field>
          <Field
            label={t('inventory.field.bmcPassword')}
            name="bmcPassword"
            errors={errors}
            hint={t(passwordStored ? 'inventory.hint.bmcPasswordStored' : 'inventory.hint.bmcPasswordNone')}
          >
            {(p) => (
              <input
                {...p}
                type="password"
                value={password}
                onChange={(e) => onPassword(e.target.value)}
                autoComplete="new-password"
              />
            )}
          </Field>
          <p className="muted wide">{t('inventory.hint.bmcSecret')}</p>
        </div>
      )}
    </fieldset>
  );
}
