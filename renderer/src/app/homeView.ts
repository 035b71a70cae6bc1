import { useEffect } from 'react';
import type { HostPage } from '../../../common/contract/inventory';
import { call } from '../lib/api';
import { navigate, urlNamesView } from './navigation';

/** The fleet dashboard (the Metrics view without a host) is home once the inventory has hosts. */
const HOME_WITH_HOSTS = 'metrics';
/** An empty inventory opens on the hosts view, whose empty state offers import and add. */
const HOME_EMPTY = 'hosts';

const ONE_HOST = { after: null, limit: 1 } as const;
let prefetched: Promise<HostPage> | null = null;

/** Asks for the home view's answer before React has rendered (see firstCalls.ts), when the URL names no view. */
export function prefetchHomeView(): void {
  if (urlNamesView()) return;
  prefetched = call('inventory.pageHosts', ONE_HOST);
  prefetched.catch(() => undefined); // answered by useHomeView, which falls back to the hosts view
}

/**
 * Picks the home view when the URL names none: asks for one host, then writes the choice into the URL, so the
 * choice is made once per page load and adding the first host later does not move the person elsewhere.
 */
export function useHomeView(needed: boolean): void {
  useEffect(() => {
    if (!needed) return;
    let live = true;
    const answer = prefetched ?? call('inventory.pageHosts', ONE_HOST);
    prefetched = null;
    answer.then(
      (page) => live && navigate({ view: page.hosts.length > 0 ? HOME_WITH_HOSTS : HOME_EMPTY, hostId: null }),
      () => live && navigate({ view: HOME_EMPTY, hostId: null }),
    );
    return () => {
      live = false;
    };
  }, [needed]);
}
