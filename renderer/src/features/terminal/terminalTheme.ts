import type { ITheme } from '@xterm/xterm';

const DARK: ITheme = {
  background: '#1b1d22',
  foreground: '#d8dee9',
  cursor: '#d8dee9',
  selectionBackground: '#44506a',
};

const LIGHT: ITheme = {
  background: '#fbfbfc',
  foreground: '#1f2328',
  cursor: '#1f2328',
  selectionBackground: '#b6d4fe',
  // The default ANSI yellow and white are unreadable on a light background.
  yellow: '#8a6d00',
  brightYellow: '#9a7b00',
  white: '#6e7781',
  brightWhite: '#57606a',
};

const dark = window.matchMedia('(prefers-color-scheme: dark)');

export function currentTheme(): ITheme {
  return dark.matches ? DARK : LIGHT;
}

/** Calls back whenever the system switches between light and dark. */
export function onThemeChange(listener: (theme: ITheme) => void): () => void {
  const handler = () => listener(currentTheme());
  dark.addEventListener('change', handler);
  return () => dark.removeEventListener('change', handler);
}
