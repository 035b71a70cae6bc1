import { useT } from '../../i18n/i18n';
import { Dialog } from '../../ui/Dialog';

/** One sentence naming what will happen and to which VMs; Enter on the confirm button confirms. */
export function ConfirmDialog({
  message,
  onConfirm,
  onClose,
}: {
  message: string;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const t = useT();
  return (
    <Dialog
      title={t('virt.confirmTitle')}
      onClose={onClose}
      size="small"
      closeLabel={t('common.close')}
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="danger" data-autofocus onClick={onConfirm}>
            {t('virt.confirm.ok')}
          </button>
        </>
      }
    >
      <p>{message}</p>
    </Dialog>
  );
}
