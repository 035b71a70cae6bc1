import { app, BrowserWindow, dialog, type WebContents } from 'electron';

const TEXT = {
  en: { message: 'Terminals are still open.', detail: 'Closing Labvisor ends them.', close: 'Close', cancel: 'Cancel' },
  'zh-CN': {
    message: '仍有终端处于打开状态。',
    detail: '关闭 Labvisor 将结束这些终端。',
    close: '关闭',
    cancel: '取消',
  },
} as const;

/**
 * The page refuses to unload (beforeunload) while terminals are live; Electron then neither closes nor asks, so
 * ask here and let the close go ahead if the user confirms.
 */
export function confirmUnload(contents: WebContents): void {
  contents.on('will-prevent-unload', (event) => {
    const text = app.getLocale().toLowerCase().startsWith('zh') ? TEXT['zh-CN'] : TEXT.en;
    const options = {
      type: 'question' as const,
      message: text.message,
      detail: text.detail,
      buttons: [text.close, text.cancel],
      defaultId: 1,
      cancelId: 1,
    };
    const window = BrowserWindow.fromWebContents(contents);
    const choice = window ? dialog.showMessageBoxSync(window, options) : dialog.showMessageBoxSync(options);
    if (choice === 0) event.preventDefault();
  });
}
