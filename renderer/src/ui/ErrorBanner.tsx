import { ApiError } from '../lib/apiError';
import { useT } from '../i18n/i18n';

/** A failed call, in words: the translated meaning of its code, then the server's own message. */
export function ErrorBanner({ error }: { error: unknown }) {
  const t = useT();
  if (!error) return null;
  const code = error instanceof ApiError ? error.code : 'internal';
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="banner banner-error" role="alert">
      <strong>{t(`errors.${code}`)}</strong> <span>{message}</span>
    </div>
  );
}
