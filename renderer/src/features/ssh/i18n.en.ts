export const messages = {
  'ssh.prompt.title.password': 'Password for {host}',
  'ssh.prompt.title.passphrase': 'Key passphrase for {host}',
  'ssh.prompt.title.keyboard-interactive': '{host} asks',
  'ssh.prompt.submit': 'Log in',
  'ssh.prompt.remember': 'Keep it in the vault for next time',
};
