/**
 * What actually holds a machine's power for the fake BMC. The in-memory one is the default; a lab that runs a
 * real machine (an ipmi_sim + QEMU guest) can plug in its own, so one machine answers IPMI and Redfish as an
 * iLO does.
 */
export interface PowerBackend {
  isOn(): Promise<boolean>;
  /** Hard power: plug in or pull the plug. */
  setPower(on: boolean): Promise<void>;
  /** A short press of the power button (ACPI): a running OS shuts down, an off machine starts. */
  pressPowerButton(): Promise<void>;
  /** Warm reset; the machine stays on. */
  reset(): Promise<void>;
}

export interface MemoryPowerBackend extends PowerBackend {
  /** How many warm resets the machine has seen. */
  readonly resets: number;
}

export function memoryPowerBackend(initiallyOn = false): MemoryPowerBackend {
  let on = initiallyOn;
  let resets = 0;
  return {
    get resets() {
      return resets;
    },
    isOn: async () => on,
    setPower: async (value) => {
      on = value;
    },
    // The in-memory OS honours the ACPI button at once.
    pressPowerButton: async () => {
      on = !on;
    },
    reset: async () => {
      if (on) resets += 1;
    },
  };
}
