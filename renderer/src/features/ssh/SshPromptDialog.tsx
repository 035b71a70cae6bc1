import { useEffect, useState } from 'react';
import type { SshPrompt } from '../../../../common/contract/ssh';
import { call, onEvent } from '../../lib/api';
import { useT } from '../../i18n/i18n';
import { Dialog } from '../../ui/Dialog';
import { ErrorBanner } from '../../ui/ErrorBanner';

/**
 * Answers the questions an SSH login asks on the way (password, key passphrase, keyboard-interactive prompts
 * such as one-time codes), one at a time, from whichever door opened the connection. Server-supplied text is
 * shown as text; hidden prompts use password inputs; nothing typed here is kept unless "remember" is ticked.
 */
export function SshPromptDialog() {
  const [queue, setQueue] = useState<SshPrompt[]>([]);
  useEffect(() => onEvent('ssh.prompt', (prompt) => setQueue((q) => [...q, prompt])), []);
  const current = queue[0];
  if (!current) return null;
  return <PromptForm key={current.promptId} prompt={current} done={() => setQueue((q) => q.slice(1))} />;
}

function PromptForm({ prompt, done }: { prompt: SshPrompt; done: () => void }) {
  const t = useT();
  const [answers, setAnswers] = useState(() => prompt.prompts.map(() => ''));
  const [remember, setRemember] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const send = async (cancel: boolean) => {
    setBusy(true);
    try {
      await call('ssh.answerPrompt', { promptId: prompt.promptId, answers: cancel ? [] : answers, remember, cancel });
      done();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t(`ssh.prompt.title.${prompt.kind}`, { host: prompt.hostName })}
      onClose={() => void send(true)}
      busy={busy}
      size="small"
      closeLabel={t('common.cancel')}
      footer={
        <>
          <button type="button" onClick={() => void send(true)} disabled={busy}>
            {t('common.cancel')}
          </button>
          <button type="submit" form={`ssh-prompt-${prompt.promptId}`} className="primary" disabled={busy}>
            {t('ssh.prompt.submit')}
          </button>
        </>
      }
    >
      <form
        id={`ssh-prompt-${prompt.promptId}`}
        className="ssh-prompt"
        onSubmit={(e) => {
          e.preventDefault();
          void send(false);
        }}
      >
        {prompt.name && <p>{prompt.name}</p>}
        {prompt.instructions && <p className="muted">{prompt.instructions}</p>}
        {prompt.prompts.map((p, i) => (
          <label key={i} className="field wide">
            <span>{p.prompt}</span>
            <input
              type={p.echo ? 'text' : 'password'}
              value={answers[i]}
              autoComplete="off"
              data-autofocus={i === 0 ? true : undefined}
              onChange={(e) => setAnswers((a) => a.map((v, j) => (j === i ? e.target.value : v)))}
            />
          </label>
        ))}
        {prompt.canRemember && (
          <label className="ssh-prompt-remember">
            <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
            {t('ssh.prompt.remember')}
          </label>
        )}
        {error !== null && <ErrorBanner error={error} />}
      </form>
    </Dialog>
  );
}
