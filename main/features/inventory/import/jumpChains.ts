/** `user@host:port` → `host`: how a jump spec names its host. */
export function bareHost(spec: string): string {
  return spec
    .trim()
    .replace(/^[^@]*@/, '')
    .replace(/:\d+$/, '');
}
