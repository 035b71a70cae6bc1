export const messages = {
  'ssh.prompt.title.password': 'Password for {host}',
  'ssh.prompt.title.passphrase': 'Key passphrase for {host}',
  'ssh.prompt.title.keyboard-interactive': '{host} asks',
  'ssh.prompt.submit': 'Log in',
  'ssh.prompt.remember': 'Keep it in the vault for next time',
  'ssh.hostKey.unknownTitle': 'Verify the host key',
  'ssh.hostKey.unknownBody':
    'Labvisor has never connected to {host}. Trust its key only if the fingerprint below is the one the host really has.',
  'ssh.hostKey.changedTitle': 'WARNING: the host key has changed',
  'ssh.hostKey.changedBody':
    'The key {host} presents is not the one pinned before. Someone could be intercepting the connection (man-in-the-middle), or the host was reinstalled. The connection was refused.',
  'ssh.hostKey.pinned': 'Pinned key',
  'ssh.hostKey.presented': 'Presented now ({type})',
  'ssh.hostKey.howToCheck': 'To check, run on the host itself: ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub',
  'ssh.hostKey.confirmChanged': 'I checked the new fingerprint on the host and the change is expected',
  'ssh.hostKey.trust': 'Trust this key and connect',
  'ssh.hostKey.replace': 'Replace the pinned key and connect',
};
