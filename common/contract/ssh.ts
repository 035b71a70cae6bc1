export const sshCommands = {} as const;

export const sshEvents = {} as const;
