export const bmcCommands = {} as const;

export const bmcEvents = {} as const;
