import { useT } from '../../i18n/i18n';
import { useStore } from '../../lib/store';
import { Dialog } from '../../ui/Dialog';
import { pendingConfirmation } from './confirmations';

const PREVIEW_CHARS = 2000;

/** Asks before pasting several lines into a shell (each may run as a command) or opening a link from a host. */
export function ConfirmDialog() {
  const t = useT();
  const question = useStore(pendingConfirmation);
  if (!question) return null;
  const paste = question.kind === 'paste';
  return (
    <Dialog
      title={t(paste ? 'terminal.pasteTitle' : 'terminal.linkTitle')}
      closeLabel={t('common.close')}
      size="medium"
      onClose={() => question.answer(false)}
      footer={
        <>
          <button type="button" onClick={() => question.answer(false)}>
            {t('common.cancel')}
          </button>
          <button type="button" className="primary" data-autofocus onClick={() => question.answer(true)}>
            {t(paste ? 'terminal.pasteConfirm' : 'terminal.linkConfirm')}
          </button>
        </>
      }
    >
      <p>{paste ? t('terminal.pasteWarning', { count: question.lines }) : t('terminal.linkWarning')}</p>
      <pre className="terminal-confirm-detail">{question.detail.slice(0, PREVIEW_CHARS)}</pre>
    </Dialog>
  );
}
