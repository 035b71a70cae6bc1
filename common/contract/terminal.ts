export const terminalCommands = {} as const;

export const terminalEvents = {} as const;
