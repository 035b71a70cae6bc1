/** The rail icon of the terminal view, drawn like the shell's own icons (ui/icons.tsx). */
export function TerminalIcon() {
  return (
    <svg
      width="16"
      height="16"
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.4"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d="M2.5 2.5h11v11h-11zM5 6l2 2-2 2M8.5 10.5h2.5" />
    </svg>
  );
}
