export const messages = {
  'ssh.prompt.title.password': '{host} 的密码',
  'ssh.prompt.title.passphrase': '{host} 的私钥口令',
  'ssh.prompt.title.keyboard-interactive': '{host} 要求输入',
  'ssh.prompt.submit': '登录',
  'ssh.prompt.remember': '保存到密码库，下次自动使用',
};
