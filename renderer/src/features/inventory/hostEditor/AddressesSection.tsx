import { ADDRESS_LABELS } from '../../../../../common/domain/host';
import { useT } from '../../../i18n/i18n';
import { ListEditor } from '../ListEditor';
import type { SectionProps } from './editorProps';

/** The host's addresses (each with a label) and its aliases (each with a note). */
export function AddressesSection({ form, set, errors }: SectionProps) {
  const t = useT();
  // Address labels are free text: the suggested ones are translated, any other is shown as typed.
  const labelText = (l: string) =>
    t(`inventory.addressLabel.${l}`) === `inventory.addressLabel.${l}` ? l : t(`inventory.addressLabel.${l}`);
  return (
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
                  {labelText(l)}
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
  );
}
