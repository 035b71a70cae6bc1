// Inventory contract values without zod, for the renderer's first page (inventory.ts builds the schemas).

export const EXPORT_FORMATS = ['csv', 'json', 'ansible', 'ssh-config'] as const;
