import { validDelay, validOrder, type StartupDraft } from './startupDraft';

interface StartupFieldsProps {
  draft: StartupDraft;
  onEdit: (patch: Partial<StartupDraft>) => void;
  labels: { order: string; noOrder: string; upDelay: string; downDelay: string };
  disabled?: boolean;
  /** The class of each field's label (each form's own layout). */
  fieldClass?: string;
  autoFocus?: boolean;
}

/** A host's start order, up delay and down delay as three number fields, each marked invalid on its own. */
export function StartupFields({ draft, onEdit, labels, disabled, fieldClass, autoFocus }: StartupFieldsProps) {
  return (
    <>
      <label className={fieldClass}>
        {labels.order}
        <input
          type="number"
          min={0}
          max={9999}
          value={draft.order}
          placeholder={labels.noOrder}
          aria-invalid={!validOrder(draft.order)}
          disabled={disabled}
          {...(autoFocus ? { 'data-autofocus': true } : {})}
          onChange={(e) => onEdit({ order: e.target.value })}
        />
      </label>
      <label className={fieldClass}>
        {labels.upDelay}
        <input
          type="number"
          min={0}
          max={3600}
          value={draft.up}
          aria-invalid={!validDelay(draft.up)}
          disabled={disabled}
          onChange={(e) => onEdit({ up: e.target.value })}
        />
      </label>
      <label className={fieldClass}>
        {labels.downDelay}
        <input
          type="number"
          min={0}
          max={3600}
          value={draft.down}
          aria-invalid={!validDelay(draft.down)}
          disabled={disabled}
          onChange={(e) => onEdit({ down: e.target.value })}
        />
      </label>
    </>
  );
}
