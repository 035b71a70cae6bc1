export const powerCommands = {} as const;

export const powerEvents = {} as const;
