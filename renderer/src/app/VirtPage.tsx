import { VmConsoleButtons } from '../features/console/VmConsoleButtons';
import { VirtView } from '../features/virt/VirtView';
import { useT } from '../i18n/i18n';

/**
 * The VMs view with each VM's screen and serial console one click away. Composed here so the virt and console
 * features never import each other.
 */
export function VirtPage({ hostId }: { hostId: number | null }) {
  const t = useT();
  return (
    <VirtView
      hostId={hostId}
      vmActions={{
        label: t('console.vm.col'),
        cell: (vm, hypervisor) => <VmConsoleButtons vm={vm} hypervisor={hypervisor} />,
      }}
    />
  );
}
