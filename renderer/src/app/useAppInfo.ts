import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../common/contract/app';
import { call } from '../lib/api';

let cached: Promise<AppInfo> | null = null;

/** `app.info`, asked once per page: read-only mode does not change while Labvisor runs. */
function useAppInfo(): AppInfo | null {
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    let live = true;
    cached ??= call('app.info', {});
    cached.then(
      (value) => live && setInfo(value),
      () => {
        cached = null;
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return info;
}

/** Actions stay hidden until the server has said it is not read-only, so they never flash in read-only mode. */
export function useCanAct(): boolean {
  const info = useAppInfo();
  return info !== null && !info.readOnly;
}
