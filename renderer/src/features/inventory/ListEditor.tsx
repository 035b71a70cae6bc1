import type { ReactNode } from 'react';

interface ListEditorProps<T> {
  items: readonly T[];
  onChange: (items: T[]) => void;
  /** What "add" appends. */
  blank: T;
  addLabel: string;
  removeLabel: string;
  /** The row's inputs; `update` merges a change into this row. */
  row: (item: T, index: number, update: (patch: Partial<T>) => void) => ReactNode;
}

/** An editable list of small records (a host's addresses, its aliases): a row each with Remove, then Add. */
export function ListEditor<T>({ items, onChange, blank, addLabel, removeLabel, row }: ListEditorProps<T>) {
  return (
    <>
      {items.map((item, i) => (
        <div className="list-row" key={i}>
          {row(item, i, (patch) => onChange(items.map((x, j) => (j === i ? { ...x, ...patch } : x))))}
          <button type="button" onClick={() => onChange(items.filter((_, j) => j !== i))}>
            {removeLabel}
          </button>
        </div>
      ))}
      <button type="button" className="link-button" onClick={() => onChange([...items, blank])}>
        + {addLabel}
      </button>
    </>
  );
}
