import { useId, type ReactNode } from 'react';
import type { Host } from '../../../../common/domain/host';
import { useT } from '../../i18n/i18n';
import type { FormErrors } from './hostForm';

interface FieldProps {
  label: string;
  name: string;
  errors: FormErrors;
  hint?: string;
  wide?: boolean;
  children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string; name: string }) => ReactNode;
}

/** A labelled input with its error (or hint) tied to it for screen readers. */
export function Field({ label, name, errors, hint, wide, children }: FieldProps) {
  const t = useT();
  const id = useId();
  const error = errors[name];
  const describedBy = error || hint ? `${id}-msg` : undefined;
  return (
    <div className={`field${wide ? ' wide' : ''}${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy, name })}
      {error ? (
        <span id={`${id}-msg`} className="field-error">
          {t(error.key, error.vars)}
        </span>
      ) : (
        hint && (
          <span id={`${id}-msg`} className="field-hint">
            {hint}
          </span>
        )
      )}
    </div>
  );
}

/** Picks another inventory host (parent, jump host); `exclude` keeps a host from pointing at itself. */
export function HostSelect({
  hosts,
  exclude,
  value,
  onChange,
  ...rest
}: {
  hosts: readonly Host[];
  exclude: number | null;
  value: string;
  onChange: (value: string) => void;
  id: string;
  name: string;
  'aria-invalid': boolean;
  'aria-describedby'?: string;
}) {
  const t = useT();
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)} {...rest}>
      <option value="">{t('inventory.form.noHost')}</option>
      {hosts
        .filter((h) => h.id !== exclude)
        .map((h) => (
          <option key={h.id} value={h.id}>
            {h.name}
          </option>
        ))}
    </select>
  );
}
