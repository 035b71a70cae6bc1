import { describe, expect, it } from 'vitest';
import { parseBmcAddress } from './bmcAddress';
import { HostFields } from './host';

const ok = (text: string) => {
  const r = parseBmcAddress(text);
  return r.ok ? r.value : r.message;
};

describe('parseBmcAddress', () => {
  it.each([
    ['10.0.0.5', { address: '10.0.0.5', port: null }],
    [' ilo-lab.example ', { address: 'ilo-lab.example', port: null }],
    ['10.0.0.5:8443', { address: '10.0.0.5', port: 8443 }],
    ['[fd00::5]:623', { address: 'fd00::5', port: 623 }],
    ['[fd00::5]', { address: 'fd00::5', port: null }],
    ['fd00::5', { address: 'fd00::5', port: null }],
    ['fe80::1%eth0', { address: 'fe80::1%eth0', port: null }],
    ['https://10.0.0.5:8443/', { address: '10.0.0.5', port: 8443 }],
    ['https://ilo.lab/index.html', { address: 'ilo.lab', port: null }],
  ])('%s', (text, value) => expect(ok(text)).toEqual(value));

  it.each([
    ['', /empty/],
    ['10.0.0.5:', /not a number/],
    ['10.0.0.5:http', /not a number/],
    ['10.0.0.5:70000', /outside 1-65535/],
    ['10.0.0.5:0', /outside 1-65535/],
    ['[ilo.lab]:443', /not an IPv6/],
    ['ilo lab', /not a host name/],
    ['admin@10.0.0.5', /user name/],
    ['10.0.0.5;reboot', /not a host name/],
    ['$(reboot)', /not a host name/],
    ['-oProxyCommand=x', /not a host name/],
    ['fd00::zz', /not an IPv6/],
  ])('refuses %j', (text, why) => expect(ok(text)).toMatch(why));

  it('never returns an address with a port or a character a resolver or shell would misread (fuzz)', () => {
    const alphabet = 'ab1:.[]%-_/@ $;\n9';
    for (let i = 0; i < 5000; i++) {
      let text = '';
      for (let n = Math.floor(Math.random() * 16); n > 0; n--)
        text += alphabet[Math.floor(Math.random() * alphabet.length)];
      const r = parseBmcAddress(text);
      if (!r.ok) continue;
      expect(r.value.address).toMatch(/^[\w.%:-]+$/);
      if (!r.value.address.includes(':')) expect(r.value.address).not.toMatch(/[[\]]/);
      expect(r.value.port === null || (r.value.port >= 1 && r.value.port <= 65535)).toBe(true);
    }
  });
});

describe('BMC settings at every door', () => {
  const bmc = (fields: Record<string, unknown>) =>
    HostFields.safeParse({ name: 'h', bmc: { type: 'ipmi', ...fields } });

  it('splits host:port and [v6]:port into address and port', () => {
    const a = bmc({ address: '10.0.0.5:6230' });
    expect(a.success && a.data.bmc).toMatchObject({ address: '10.0.0.5', port: 6230 });
    const b = bmc({ address: '[fd00::5]:623', port: 623 });
    expect(b.success && b.data.bmc).toMatchObject({ address: 'fd00::5', port: 623 });
  });

  it('refuses an address it cannot parse, or one whose port contradicts the port field, with a clear message', () => {
    const messages = (r: ReturnType<typeof bmc>) => (r.success ? [] : r.error.issues.map((i) => i.message)).join('; ');
    const bad = bmc({ address: '10.0.0.5:abc' });
    expect(!bad.success && bad.error.issues[0]).toMatchObject({ path: ['bmc', 'address'] });
    expect(messages(bad)).toMatch(/port that is not a number/);
    expect(messages(bmc({ address: '10.0.0.5:6230', port: 623 }))).toMatch(/different port than the port field/);
  });
});
