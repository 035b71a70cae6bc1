import type { ReadStream } from 'node:tty';
import type { SshPrompt } from '../../common/contract/ssh';
import type { CliContext, CliIo } from './cliTypes';

/**
 * Reads one answer from the terminal; with `echo` false nothing typed is shown (raw mode, as ssh's own prompt).
 * Without a terminal it reads one line of stdin. Resolves null on Ctrl+C or end of input.
 */
export function readAnswer(io: CliIo, prompt: string, echo: boolean): Promise<string | null> {
  io.stderr.write(prompt);
  const stdin = io.stdin as ReadStream;
  const raw = !echo && Boolean(stdin.isTTY) && typeof stdin.setRawMode === 'function';
  return new Promise((resolve) => {
    let answer = '';
    const finish = (value: string | null) => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      if (raw) stdin.setRawMode(false);
      stdin.pause();
      if (raw || value === null) io.stderr.write('\n');
      resolve(value);
    };
    const onEnd = () => finish(answer.length ? answer : null);
    const onData = (chunk: Buffer | string) => {
      for (const ch of chunk.toString()) {
        if (ch === '\r' || ch === '\n') return finish(answer);
        if (ch === '\u0003' || ch === '\u0004') return finish(null);
        if (ch === '\u007f' || ch === '\b') answer = answer.slice(0, -1);
        else answer += ch;
      }
    };
    if (raw) stdin.setRawMode(true);
    stdin.on('data', onData);
    stdin.once('end', onEnd);
    stdin.resume();
  });
}

/** Answers `ssh.prompt` events (passwords, passphrases, keyboard-interactive) from the terminal, one at a time. */
export function answerSshPromptsFromTerminal(ctx: CliContext): () => void {
  const services = ctx.services();
  let queue = Promise.resolve();
  return services.events.subscribe((event) => {
    if (event.name !== 'ssh.prompt') return;
    const prompt = event.payload as SshPrompt;
    queue = queue.then(async () => {
      if (prompt.name && prompt.kind === 'keyboard-interactive') ctx.io.stderr.write(`${prompt.name}\n`);
      if (prompt.instructions) ctx.io.stderr.write(`${prompt.instructions}\n`);
      const answers: string[] = [];
      for (const p of prompt.prompts) {
        const answer = await readAnswer(ctx.io, p.prompt, p.echo);
        if (answer === null) {
          await services.dispatch('ssh.answerPrompt', { promptId: prompt.promptId, cancel: true }, { door: 'cli' });
          return;
        }
        answers.push(answer);
      }
      await services.dispatch('ssh.answerPrompt', { promptId: prompt.promptId, answers }, { door: 'cli' });
    });
  });
}
