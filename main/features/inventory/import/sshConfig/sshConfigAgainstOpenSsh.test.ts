import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_IMPORT_TOOLS, systemImportTools } from '../importTools';
import { importSshConfig } from './sshConfigImport';
import { SshConfigFallback } from './sshConfigFallback';
import { parseSshG, type SshResolved } from './sshResolved';

// The judge is OpenSSH itself: `ssh -G` from openssh-client, installed by scripts/install-lab-deps.sh. Without it
// these tests fail (they do not skip).
const FIXTURES = join(__dirname, 'fixtures');
let dir: string;
let home: string;
let files: Record<string, string>;

const sshG = (file: string, alias: string) =>
  execFileSync('ssh', ['-G', '-F', file, '--', alias], { encoding: 'utf8' });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'labvisor-sshg-test-'));
  home = join(dir, 'home');
  mkdirSync(join(home, '.ssh', 'conf.d'), { recursive: true });
  for (const f of ['10-team.conf', '20-more.conf'])
    writeFileSync(join(home, '.ssh', 'conf.d', f), readFileSync(join(FIXTURES, 'inc', f)));
  const work = readFileSync(join(FIXTURES, 'work.conf'), 'utf8').replace('LOCALUSER', userInfo().username);
  files = {
    homelab: readFileSync(join(FIXTURES, 'homelab.conf'), 'utf8'),
    // ssh resolves a relative Include under the real ~/.ssh; the absolute form is what it reads here.
    work: work.replace('INCLUDE_DIR', join(home, '.ssh', 'conf.d')),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  writeFileSync(join(dir, 'empty'), '');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What ssh -G says for an alias, with its defaults (port 22, the default keys) dropped as the reader does. */
function judge(file: string, alias: string): SshResolved {
  return parseSshG(sshG(join(dir, file), alias), parseSshG(sshG(join(dir, 'empty'), 'x'), null));
}

const ALIASES: Record<string, string[]> = {
  homelab: [
    'pi-1',
    'pi-2',
    'pi-broken',
    'pi-9',
    'jetson',
    'ilo-gw',
    'zcloud',
    'z-o7k-m-1',
    'z-o7k-n-1',
    'z-o7k-x',
    'legacy',
    'legacy-j',
    'unknown',
  ],
  work: ['build-1', 'build-2', 'bastion', 'db-prod', 'team-a', 'team-b', 'more-1', 'other'],
};

describe("Labvisor's ssh_config reader agrees with ssh -G", () => {
  it('is judged by a real ssh', () => {
    expect(execFileSync('ssh', ['-V'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) ?? '').toBeDefined();
  });

  for (const [file, aliases] of Object.entries(ALIASES)) {
    it.each(aliases)(`${file}: %s`, (alias) => {
      const reader = new SshConfigFallback(files[file]!, file, { home, localUser: userInfo().username });
      const expected = judge(file, alias);
      expect(reader.resolve(alias)).toEqual({
        ...expected,
        user: expected.user === userInfo().username && reader.resolve(alias).user === null ? null : expected.user,
      });
      expect(reader.errors).toEqual([]);
    });
  }

  it('follows a relative Include under ~/.ssh exactly as ssh follows the absolute one', () => {
    const relative = files.work!.replace(join(home, '.ssh', 'conf.d'), 'conf.d');
    const reader = new SshConfigFallback(relative, 'work', { home, localUser: userInfo().username });
    for (const alias of ['team-a', 'team-b', 'more-1'])
      expect(reader.resolve(alias)).toMatchObject({
        hostname: judge('work', alias).hostname,
        port: judge('work', alias).port,
      });
    expect(reader.concreteAliases().map((a) => a.alias)).toEqual([
      'team-a',
      'more-1',
      'build-1',
      'build-2',
      'bastion',
      'db-prod',
    ]);
  });

  it('refuses Match exec with a warning (ssh -G runs it as the user configured)', () => {
    const reader = new SshConfigFallback('Match exec "test -e /x"\n  User x\nHost a\n', 'c', { home });
    expect(reader.warnings).toEqual([
      'c line 1: Match exec test -e /x is not evaluated without OpenSSH (treated as not matching)',
    ]);
    expect(reader.resolve('a').user).toBeNull();
  });
});

describe('importing ssh_config', () => {
  const read = (text: string, tools = systemImportTools()) =>
    importSshConfig({ text, fileName: 'config', companions: {}, tools }, { home, localUser: userInfo().username });

  it('gives the same hosts through ssh -G and through the reader', async () => {
    for (const text of Object.values(files)) {
      const viaSsh = await read(text);
      const viaReader = await read(text, NO_IMPORT_TOOLS);
      expect(viaSsh.readBy).toBe('ssh -G');
      expect(viaReader.readBy).toBe('labvisor');
      const strip = (f: typeof viaSsh) => f.drafts.map(({ warnings: _w, ...d }) => d);
      expect(strip(viaSsh)).toEqual(strip(viaReader));
    }
  });

  it('connects each host where ssh would: address, user, port, key and jump chain', async () => {
    const file = await read(files.homelab!);
    const host = (name: string) => file.drafts.find((d) => d.name === name)!;
    const summary = (name: string) => {
      const d = host(name);
      return [
        d.values.address,
        d.values.sshUser ?? null,
        d.values.sshPort ?? null,
        d.values.identityFile ?? null,
        d.refs.jump ?? null,
      ];
    };
    // `Host *` comes first, so its User wins over every later one: as ssh does.
    expect(summary('pi-1')).toEqual(['pi-1.home.arpa', 'admin', null, '~/.ssh/id_pi', null]);
    expect(summary('pi-broken')).toEqual(['pi-broken.home.arpa', 'admin', null, null, null]);
    expect(summary('jetson')).toEqual(['192.168.6.30', 'admin', null, '~/.ssh/id_jetson', null]);
    // ProxyJump nvidia@jetson:2222 keeps its user and port although jetson is an alias (admin, port 22).
    expect(summary('zcloud')).toEqual(['192.168.6.200', 'admin', null, null, 'jetson-as-nvidia-p2222']);
    expect(summary('jetson-as-nvidia-p2222')).toEqual(['192.168.6.30', 'nvidia', 2222, '~/.ssh/id_jetson', null]);
    // jetson,zcloud reaches zcloud through jetson, not through zcloud's own route: a hop of its own, and
    // zcloud's own route is left as it is.
    expect(summary('z-o7k-m-1')).toEqual(['10.10.0.51', 'admin', null, null, 'zcloud-via-jetson']);
    expect(summary('zcloud-via-jetson')).toEqual(['192.168.6.200', 'admin', null, null, 'jetson']);
    // The wildcard block's ProxyJump comes before `ProxyJump none`: the first value wins.
    expect(summary('z-o7k-n-1')).toEqual(['10.10.0.61', 'admin', null, null, 'zcloud-via-jetson']);
    // ProxyCommand ssh -W %h:%p jetson is the chain ProxyJump jetson; `-J jetson ... zcloud` is jetson,zcloud.
    expect(summary('legacy')).toEqual(['10.20.0.5', 'admin', null, null, 'jetson']);
    expect(summary('legacy-j')).toEqual(['10.20.0.6', 'admin', null, null, 'zcloud-via-jetson']);
    expect(file.drafts.filter((d) => d.values.notes?.startsWith('jump host')).map((d) => d.name)).toEqual([
      'jetson-as-nvidia-p2222',
      'zcloud-via-jetson',
    ]);
    // Every IdentityFile, in the order ssh tries them.
    expect(host('jetson').values.moreIdentityFiles).toEqual(['~/.ssh/id_ed25519']);
    expect(host('jetson-as-nvidia-p2222').values.moreIdentityFiles).toEqual(['~/.ssh/id_ed25519']);
  });

  it('never passes a name ssh could read as an option', async () => {
    const calls: string[][] = [];
    const tools = {
      ...NO_IMPORT_TOOLS,
      ssh: async (file: string, args: string[]) => {
        calls.push(args);
        return { stdout: execFileSync(file, args, { encoding: 'utf8' }), stderr: '', exitCode: 0 };
      },
    };
    const file = await read('Host -oProxyCommand=touch%20x ok\n  HostName 10.0.0.1\n', tools);
    expect(file.drafts.map((d) => d.name)).toEqual(['ok']);
    expect(file.drafts[0]!.warnings).toEqual([
      'line 1: Host "-oProxyCommand=touch%20x" is not a valid host name; skipped',
    ]);
    for (const args of calls) expect(args.slice(-2, -1)).toEqual(['--']);
  });
});
