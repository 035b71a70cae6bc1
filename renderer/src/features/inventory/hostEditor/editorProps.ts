import type { Host } from '../../../../../common/domain/host';
import type { FormErrors, HostForm } from '../hostForm';

/** What every section of the host editor gets: the form, a setter for one field, and the errors to show. */
export interface SectionProps {
  form: HostForm;
  set: <K extends keyof HostForm>(key: K, value: HostForm[K]) => void;
  errors: FormErrors;
}

/** Sections that pick another host (parent, jump hosts) get the inventory sorted by name, minus the host itself. */
export interface HostPickProps {
  hosts: readonly Host[];
  exclude: number | null;
}
