export const messages = {
  'ssh.prompt.title.password': '{host} 的密码',
  'ssh.prompt.title.passphrase': '{host} 的私钥口令',
  'ssh.prompt.title.keyboard-interactive': '{host} 要求输入',
  'ssh.prompt.submit': '登录',
  'ssh.prompt.remember': '保存到密码库，下次自动使用',
  'ssh.hostKey.unknownTitle': '验证主机密钥',
  'ssh.hostKey.unknownBody': 'Labvisor 从未连接过 {host}。只有当下面的指纹确实是该主机的密钥时才信任它。',
  'ssh.hostKey.changedTitle': '警告：主机密钥已改变',
  'ssh.hostKey.changedBody':
    '{host} 提供的密钥与之前固定的不同。可能有人正在拦截连接（中间人攻击），或主机已重装。连接已被拒绝。',
  'ssh.hostKey.pinned': '已固定的密钥',
  'ssh.hostKey.presented': '当前提供的密钥（{type}）',
  'ssh.hostKey.howToCheck': '核对方法：在该主机上运行 ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub',
  'ssh.hostKey.confirmChanged': '我已在主机上核对新指纹，此变更在预期之中',
  'ssh.hostKey.trust': '信任此密钥并连接',
  'ssh.hostKey.replace': '替换已固定的密钥并连接',
};
