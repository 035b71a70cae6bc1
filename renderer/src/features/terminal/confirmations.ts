/** A question a terminal needs a person to answer (pasting several lines, opening a link). */
export interface Confirmation {
  kind: 'paste' | 'link';
  /** The pasted text or the URL, shown as text. */
  detail: string;
  lines: number;
  answer(ok: boolean): void;
}

let current: Confirmation | null = null;
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());

/** Asks through TerminalsView's dialog; one question at a time (a newer one answers the older with "no"). */
export function confirmAction(kind: Confirmation['kind'], detail: string): Promise<boolean> {
  current?.answer(false);
  return new Promise((resolve) => {
    const question: Confirmation = {
      kind,
      detail,
      lines: detail.split(/\r\n|\r|\n/).length,
      answer(ok) {
        if (current === question) current = null;
        notify();
        resolve(ok);
      },
    };
    current = question;
    notify();
  });
}

export function pendingConfirmation(): Confirmation | null {
  return current;
}

export function subscribeConfirmations(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
