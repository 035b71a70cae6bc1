import { createStore } from '../../lib/store';

/** A question a terminal needs a person to answer (pasting several lines, opening a link). */
export interface Confirmation {
  kind: 'paste' | 'link';
  /** The pasted text or the URL, shown as text. */
  detail: string;
  lines: number;
  answer(ok: boolean): void;
}

/** The question waiting for an answer; ConfirmDialog shows it. */
export const pendingConfirmation = createStore<Confirmation | null>(null);

/** Asks through TerminalsView's dialog; one question at a time (a newer one answers the older with "no"). */
export function confirmAction(kind: Confirmation['kind'], detail: string): Promise<boolean> {
  pendingConfirmation.get()?.answer(false);
  return new Promise((resolve) => {
    const question: Confirmation = {
      kind,
      detail,
      lines: detail.split(/\r\n|\r|\n/).length,
      answer(ok) {
        if (pendingConfirmation.get() === question) pendingConfirmation.set(null);
        resolve(ok);
      },
    };
    pendingConfirmation.set(question);
  });
}
