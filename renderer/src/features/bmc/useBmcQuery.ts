import { useCallback, useEffect, useState } from 'react';
import type { CommandInput, CommandOutput } from '../../../../common/contract';
import { call } from '../../lib/api';

type BmcRead = 'bmc.sensors' | 'bmc.sel' | 'bmc.info';

interface Answer<T> {
  hostId: number;
  generation: number;
  data: T | null;
  error: unknown;
}

/** One BMC read for a host, with its error and a reload; an answer for a previous host is never shown. */
export function useBmcQuery<N extends BmcRead>(name: N, hostId: number) {
  const [generation, setGeneration] = useState(0);
  const [answer, setAnswer] = useState<Answer<CommandOutput<N>> | null>(null);

  useEffect(() => {
    let live = true;
    call<BmcRead>(name, { host: hostId } as CommandInput<BmcRead>).then(
      (data) => live && setAnswer({ hostId, generation, data: data as CommandOutput<N>, error: null }),
      (error: unknown) =>
        live && setAnswer((prev) => ({ hostId, generation, data: prev?.hostId === hostId ? prev.data : null, error })),
    );
    return () => {
      live = false;
    };
  }, [name, hostId, generation]);

  const current = answer?.hostId === hostId ? answer : null;
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return {
    data: current?.data ?? null,
    error: current?.error ?? null,
    loading: current?.generation !== generation,
    reload,
  };
}
