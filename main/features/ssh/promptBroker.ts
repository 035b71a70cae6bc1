import { randomUUID } from 'node:crypto';
import type { SshPrompt } from '../../../common/contract/ssh';
import { AppError } from '../../../common/result';
import type { EventBus } from '../../platform/eventBus';

export interface PromptAnswer {
  answers: string[];
  remember: boolean;
}

interface Pending {
  resolve(answer: PromptAnswer): void;
  reject(error: AppError): void;
  timer: NodeJS.Timeout;
}

/**
 * Login questions (passwords, key passphrases, keyboard-interactive prompts) go out as `ssh.prompt` events to
 * whichever door has a person at it, and come back through `ssh.answerPrompt`. Answers never leave this object
 * except to the SSH login that asked.
 */
export class PromptBroker {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly events: EventBus,
    private readonly timeoutMs = 120_000,
  ) {}

  ask(prompt: Omit<SshPrompt, 'promptId'>): Promise<PromptAnswer> {
    const promptId = randomUUID();
    return new Promise<PromptAnswer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(promptId);
        reject(new AppError('timeout', `nobody answered the login prompt for ${prompt.hostName}`));
      }, this.timeoutMs);
      this.pending.set(promptId, { resolve, reject, timer });
      this.events.emit('ssh.prompt', { ...prompt, promptId });
    });
  }

  answer(promptId: string, answer: PromptAnswer & { cancel: boolean }): boolean {
    const p = this.pending.get(promptId);
    if (!p) return false;
    this.pending.delete(promptId);
    clearTimeout(p.timer);
    if (answer.cancel) p.reject(new AppError('auth_failed', 'login cancelled'));
    else p.resolve({ answers: answer.answers, remember: answer.remember });
    return true;
  }

  cancelAll(): void {
    for (const id of [...this.pending.keys()]) this.answer(id, { answers: [], remember: false, cancel: true });
  }
}
