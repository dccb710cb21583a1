// The e-mails of an order's receipt on the order detail: each delivery's state (queued with
// its next attempt, sent with the server's reply, failed or withdrawn with the reason), the
// cancellation notices beside the receipts, and "Re-send" (Alt+E) and "Send to another
// address" (Alt+W). Polls while a delivery is queued. Needs orders:read_private.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, newKey, problemsOf } from './api';
import { formatInstant, type Locale, type Translate } from './i18n';
import { Kbd, useShortcuts } from './shortcuts';

export interface ReceiptDelivery {
  id: number;
  kind?: 'receipt' | 'cancellation';
  document_number: string;
  to: string;
  state: 'queued' | 'sent' | 'failed' | 'withdrawn';
  attempts: number;
  next_attempt_at: string | null;
  server_reply: string;
  error: string;
  requested_by: string;
  requested_at: string;
  sent_at: string | null;
}

interface Props {
  number: string;
  locale: Locale;
  t: Translate;
}

export function ReceiptDeliveries({ number, locale, t }: Props) {
  const path = `/orders/${encodeURIComponent(number)}/receipt/deliveries`;
  const [entries, setEntries] = useState<ReceiptDelivery[] | null>(null);
  const [asking, setAsking] = useState(false);
  const [address, setAddress] = useState('');
  const [problem, setProblem] = useState('');
  const input = useRef<HTMLInputElement>(null);

  const load = () =>
    api<{ entries: ReceiptDelivery[] }>('GET', path)
      .then((list) => setEntries(list.entries))
      .catch((error) => setProblem(error instanceof ApiError ? error.message : String(error)));

  useEffect(() => {
    load();
  }, [number]);
  const queued = entries?.some((entry) => entry.state === 'queued') ?? false;
  useEffect(() => {
    if (!queued) return undefined;
    const timer = window.setInterval(load, 2000);
    return () => window.clearInterval(timer);
  }, [queued, number]);
  useEffect(() => {
    if (asking) input.current?.focus();
  }, [asking]);

  const send = async (to: string) => {
    setProblem('');
    try {
      await api<ReceiptDelivery>('POST', path, { body: to ? { to } : {}, idempotencyKey: newKey('console-resend') });
      setAsking(false);
      setAddress('');
      await load();
    } catch (error) {
      const fields = problemsOf(error);
      setProblem(fields.length > 0 ? fields.map((field) => `${t('email')}: ${field.problem}`).join('; ') : String(error instanceof Error ? error.message : error));
    }
  };

  useShortcuts((event) => {
    if (!event.altKey || event.ctrlKey || event.metaKey) return false;
    const key = event.key.toLowerCase();
    if (key === 'e') {
      void send('');
      return true;
    }
    if (key === 'w') {
      setAsking(true);
      return true;
    }
    return false;
  });

  const describe = (entry: ReceiptDelivery) => {
    if (entry.state === 'sent') {
      return t('deliverySent', { at: entry.sent_at ? formatInstant(entry.sent_at, locale) : '', reply: entry.server_reply });
    }
    if (entry.state === 'failed' || entry.state === 'withdrawn') return t('deliveryFailed', { reason: entry.error });
    const next = entry.next_attempt_at ? formatInstant(entry.next_attempt_at, locale) : '';
    return t('deliveryQueued', { next, attempts: entry.attempts }) + (entry.error ? ` · ${entry.error}` : '');
  };

  return (
    <section class="receipt-deliveries" aria-labelledby="deliveries-title">
      <h3 id="deliveries-title">{t('receiptEmails')}</h3>
      {entries && entries.length === 0 && <p>{t('noDeliveries')}</p>}
      <ul id="deliveries">
        {entries?.map((entry) => (
          <li class={`delivery delivery-${entry.state}`} data-state={entry.state}>
            <strong>{t(entry.state === 'sent' ? 'stateSent' : entry.state === 'failed' ? 'stateFailed' : entry.state === 'withdrawn' ? 'stateWithdrawn' : 'stateQueued')}</strong>
            {entry.kind === 'cancellation' && <>{' · '}{t('cancellationNotice')}</>}
            {' · '}{entry.to || '—'} · {entry.document_number} · {describe(entry)}
            <small> · {entry.requested_by}, {formatInstant(entry.requested_at, locale)}</small>
          </li>
        ))}
      </ul>
      <p>
        <button type="button" id="resend-receipt" onClick={() => void send('')}>{t('resend')} <Kbd keys="Alt+E" /></button>{' '}
        <button type="button" id="resend-elsewhere" onClick={() => setAsking(true)}>{t('sendElsewhere')} <Kbd keys="Alt+W" /></button>
      </p>
      {asking && (
        <form onSubmit={(event) => { event.preventDefault(); void send(address.trim()); }}>
          <label>{t('email')} <input ref={input} id="resend-to" type="email" value={address}
            onInput={(event) => setAddress((event.target as HTMLInputElement).value)}
            onKeyDown={(event) => { if (event.key === 'Escape') setAsking(false); }} /></label>{' '}
          <button type="submit">{t('send')}</button>{' '}
          <button type="button" onClick={() => setAsking(false)}>{t('cancel')}</button>
        </form>
      )}
      {problem && <p class="field-errors" role="alert">{problem}</p>}
    </section>
  );
}
