import type { SVGProps } from 'react';

/** Small stroke icons drawn for Labvisor (no icon font: the CSP allows only this origin anyway). */
function Icon({ d, ...props }: SVGProps<SVGSVGElement> & { d: string }) {
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
      {...props}
    >
      <path d={d} />
    </svg>
  );
}

export const HostsIcon = () => <Icon d="M2.5 2.5h11v4h-11zM2.5 9.5h11v4h-11zM5 4.5h.01M5 11.5h.01" />;
export const TerminalIcon = () => <Icon d="M2.5 2.5h11v11h-11zM5 6l2 2-2 2M8.5 10.5h2.5" />;
export const ConsoleIcon = () => <Icon d="M2 3h12v8H2zM6 14h4M8 11v3" />;
export const PowerIcon = () => <Icon d="M8 2v6M4.6 4.2a5 5 0 1 0 6.8 0" />;
export const ChartIcon = () => <Icon d="M2.5 13.5h11M4 11l3-4 2.5 2.5L13 4" />;
export const SearchIcon = () => <Icon d="M7 12A5 5 0 1 0 7 2a5 5 0 0 0 0 10zM10.5 10.5 14 14" />;
export const PlusIcon = () => <Icon d="M8 3v10M3 8h10" />;
export const ImportIcon = () => <Icon d="M8 2v8M5 7l3 3 3-3M3 12v1.5h10V12" />;
export const ExportIcon = () => <Icon d="M8 10V2M5 5l3-3 3 3M3 12v1.5h10V12" />;
export const ColumnsIcon = () => <Icon d="M2.5 2.5h11v11h-11zM6.2 2.5v11M9.8 2.5v11" />;
export const ChevronRight = () => <Icon d="M6 4l4 4-4 4" />;
export const ChevronDown = () => <Icon d="M4 6l4 4 4-4" />;
export const TrashIcon = () => <Icon d="M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.7 9h5.6l.7-9" />;
export const EditIcon = () => <Icon d="M10.5 2.5l3 3-8 8h-3v-3z" />;
export const LockIcon = () => <Icon d="M4 7.5h8v6H4zM5.5 7.5V5a2.5 2.5 0 0 1 5 0v2.5" />;
export const ServerIcon = () => <Icon d="M3 3h10v4H3zM3 9h10v4H3z" />;
export const VmIcon = () => <Icon d="M2.5 3.5h11v8h-11zM6 14h4" />;
export const ClusterIcon = () => <Icon d="M4 4h3v3H4zM9 4h3v3H9zM6.5 9h3v3h-3z" />;
export const ContainerIcon = () => <Icon d="M2.5 5 8 2.5 13.5 5v6L8 13.5 2.5 11zM2.5 5 8 7.5 13.5 5M8 7.5v6" />;
export const DeviceIcon = () => <Icon d="M3 5h10v6H3zM5.5 8h.01M8 8h.01" />;
