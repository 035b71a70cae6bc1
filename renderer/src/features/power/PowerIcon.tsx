/** The rail icon of the power view (a power symbol), drawn like the shell's own icons (ui/icons.tsx). */
export function PowerIcon() {
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
      <path d="M8 2v6M4.6 4.2a5 5 0 1 0 6.8 0" />
    </svg>
  );
}
