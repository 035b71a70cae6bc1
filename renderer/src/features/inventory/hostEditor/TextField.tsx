import type { HostForm } from '../hostForm';
import { Field } from '../formFields';
import type { SectionProps } from './editorProps';

interface Props extends SectionProps {
  name: keyof HostForm;
  label: string;
  hint?: string;
  wide?: boolean;
  type?: string;
}

/** One plain text (or number) field of the host form. */
export function TextField({ form, set, errors, name, label, hint, wide, type }: Props) {
  return (
    <Field label={label} name={name} errors={errors} hint={hint} wide={wide}>
      {(p) => (
        <input
          {...p}
          type={type ?? 'text'}
          inputMode={type === 'number' ? 'numeric' : undefined}
          value={form[name] as string}
          onChange={(e) => set(name, e.target.value as never)}
          spellCheck={false}
          autoComplete="off"
        />
      )}
    </Field>
  );
}
