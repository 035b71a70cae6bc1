import './console.css';
import { useState, useSyncExternalStore } from 'react';
import { z } from 'zod';
import { VncTarget } from '../../../../common/contract/console';
import { useT } from '../../i18n/i18n';
import { CONSOLE_WINDOW_ROUTE, requestReattach, type DetachedSpec } from './detach';
import { VncPane } from './VncPane';
import { VncSession } from './vncSession';

const Spec = z.object({ target: VncTarget, label: z.string().max(500), home: z.string().max(40) });

/** The spec in the URL, checked like any other input (the URL can be typed); null when it is not one. */
function parseSpec(hash: string): DetachedSpec | null {
  try {
    const parsed = Spec.safeParse(JSON.parse(decodeURIComponent(hash.slice(CONSOLE_WINDOW_ROUTE.length))));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

interface WindowConsole {
  spec: DetachedSpec;
  session: VncSession;
  /** Bumped on every change of the session, for useSyncExternalStore. */
  version: number;
  listeners: Set<() => void>;
}

/** The window's one console, made once (not per render or per effect run): a VNC session cannot be shared. */
function startSession(): WindowConsole | null {
  const spec = parseSpec(window.location.hash);
  if (!spec) return null;
  const state: WindowConsole = {
    spec,
    session: new VncSession(spec.target, spec.label, () => {
      state.version++;
      document.title = state.session.title;
      for (const l of state.listeners) l();
    }),
    version: 0,
    listeners: new Set(),
  };
  void state.session.connect();
  window.addEventListener('pagehide', () => state.session.dispose());
  return state;
}

let started: WindowConsole | null | undefined;

function subscribe(listener: () => void): () => void {
  started?.listeners.add(listener);
  return () => started?.listeners.delete(listener);
}

/**
 * A console alone in its own window: it connects again (visibly: "Connecting…", a password asked if none is
 * remembered) and "Re-attach" hands it back to the window it came from as a tab.
 */
export function DetachedConsole() {
  const t = useT();
  started ??= startSession();
  const [orphan, setOrphan] = useState(false);
  useSyncExternalStore(subscribe, () => started?.version ?? 0);
  if (!started) return <p className="console-empty">{t('console.detached.invalid')}</p>;
  const { spec, session } = started;

  const reattach = async () => {
    if (await requestReattach({ ...spec, label: session.title })) window.close();
    else setOrphan(true);
  };
  return (
    <div className="console-view console-detached">
      <VncPane
        session={session}
        actions={
          <button type="button" onClick={() => void reattach()}>
            {t('console.reattach')}
          </button>
        }
      />
      {orphan && (
        <p className="console-message" role="alert">
          {t('console.detached.noHome')}
        </p>
      )}
    </div>
  );
}
