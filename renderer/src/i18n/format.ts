export type MessageVars = Record<string, string | number>;

/** Replaces `{name}` placeholders; values are inserted as text (React escapes them when rendered). */
export function interpolate(template: string, vars: MessageVars | undefined): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
