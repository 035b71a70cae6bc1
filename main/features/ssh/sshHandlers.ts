import type { Handlers } from '../../../common/contract';
import type { sshCommands } from '../../../common/contract/ssh';
import type { AuditLog } from '../audit/auditLog';
import type { SshService } from './sshService';

export function sshHandlers({ ssh, audit }: { ssh: SshService; audit: AuditLog }): Handlers<typeof sshCommands> {
  return {
    'ssh.exec': async ({ hostId, command, timeoutMs, stdin, prompt }, ctx) => {
      const result = await ssh.exec(hostId, command, {
        timeoutMs,
        interactive: prompt,
        ...(stdin !== undefined ? { stdin } : {}),
      });
      audit.append({
        door: ctx.door,
        action: 'ssh.exec',
        target: ssh.endpoint(hostId).hostName,
        after: { command, exitCode: result.exitCode, signal: result.signal },
        result: 'ok',
      });
      return result;
    },
    'ssh.listHostKeys': ({ host }) => ssh.listHostKeys(host),
    'ssh.scanHostKey': ({ hostId }) => ssh.scanHostKey(hostId),
    'ssh.trustHostKey': ({ hostId, fingerprint }, ctx) => ssh.trustHostKey(hostId, fingerprint, ctx.door),
    'ssh.replaceHostKey': ({ hostId, fingerprint }, ctx) => ssh.replaceHostKey(hostId, fingerprint, ctx.door),
    'ssh.importKnownHosts': ({ text, source }, ctx) => ssh.importKnownHosts(text, source, ctx.door),
    'ssh.setSecret': ({ hostId, kind, secret }, ctx) => ssh.setSecret(hostId, kind, secret, ctx.door),
    'ssh.clearSecret': ({ hostId, kind }, ctx) => ssh.clearSecret(hostId, kind, ctx.door),
    'ssh.answerPrompt': ({ promptId, answers, remember, cancel }) => ({
      accepted: ssh.answerPrompt(promptId, { answers, remember, cancel }),
    }),
    'ssh.forwardCreate': (spec, ctx) => ssh.forwardCreate(spec, ctx.door),
    'ssh.forwardList': ({ hostId }) => ssh.forwardList(hostId),
    'ssh.forwardStop': ({ id }, ctx) => ({ stopped: ssh.forwardStop(id, ctx.door) }),
  };
}
