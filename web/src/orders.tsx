// The order list with its search, one order with every field, its documents and its history,
// and the receipt view: the server's own rendering of the issued receipt (or invoice) in a
// sandboxed frame, printed by the browser (80 mm roll or A4 sheet), opened as PDF.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, documentUrl, newKey, problemsOf, type DocumentKind, type FieldProblem } from './api';
import { formatAppointment, formatInstant, formatMoney, type Locale, type Translate } from './i18n';
import { Totals } from './entry';
import { Kbd, useShortcuts } from './shortcuts';
import { ReceiptDeliveries } from './deliveries';
import { OrderFulfillmentView } from './fulfillment';
import { OrderComplaints } from './complaints';
import { isFullOrder, type Address, type Customer, type History, type IssuedDocument, type Page, type ReadOrder } from './types';

interface ScreenProps {
  locale: Locale;
  t: Translate;
  navigate: (path: string) => void;
}

function addressLines(address: Address | undefined): string[] {
  if (!address) return [];
  return [
    address.company,
    address.name,
    address.line1,
    address.line2,
    [address.postal_code, address.city, address.region].filter(Boolean).join(' '),
    address.country,
  ].filter(Boolean);
}

export function OrderList({ locale, t, navigate }: ScreenProps) {
  const [number, setNumber] = useState('');
  const [customer, setCustomer] = useState('');
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  const [channel, setChannel] = useState('');
  const [status, setStatus] = useState('');
  const [orders, setOrders] = useState<ReadOrder[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [problems, setProblems] = useState<FieldProblem[]>([]);

  const search = async (more = false) => {
    setProblems([]);
    try {
      if (number.trim()) {
        navigate(`/orders/${encodeURIComponent(number.trim())}`);
        return;
      }
      const params = new URLSearchParams({ limit: '25' });
      if (channel) params.set('channel', channel);
      if (status) params.set('status', status);
      if (from) params.set('placed_from', from);
      if (until) params.set('placed_until', until);
      if (customer.trim()) {
        const found = await api<Page<Customer>>('GET', `/customers?q=${encodeURIComponent(customer.trim())}&limit=1`);
        if (found.entries.length === 0) {
          setOrders([]);
          setCursor(null);
          setProblems([{ path: 'customer', problem: t('noMatch') }]);
          return;
        }
        params.set('customer_id', String(found.entries[0].id));
      }
      if (more && cursor) params.set('cursor', cursor);
      const page = await api<Page<ReadOrder>>('GET', `/orders?${params}`);
      setOrders(more ? [...orders, ...page.entries] : page.entries);
      setCursor(page.next_cursor);
    } catch (error) {
      setProblems(problemsOf(error));
    }
  };

  useEffect(() => {
    void search();
    document.getElementById('filter-number')?.focus();
  }, []);

  const at = (path: string) => problems.filter((problem) => problem.path === path).map((problem) => problem.problem).join('; ');
  return (
    <section class="order-list" aria-label={t('orders')}>
      <h2>{t('orders')}</h2>
      <form class="filters" onSubmit={(event) => { event.preventDefault(); void search(); }}>
        <label>{t('number')}<input id="filter-number" value={number} onInput={(event) => setNumber(event.currentTarget.value)} /></label>
        <label>{t('customer')}<input id="filter-customer" value={customer} onInput={(event) => setCustomer(event.currentTarget.value)} />
          {at('customer') && <span class="field-errors">{at('customer')}</span>}</label>
        <label>{t('from')}<input id="filter-from" type="date" value={from} onInput={(event) => setFrom(event.currentTarget.value)} />
          {at('placed_from') && <span class="field-errors">{at('placed_from')}</span>}</label>
        <label>{t('until')}<input id="filter-until" type="date" value={until} onInput={(event) => setUntil(event.currentTarget.value)} />
          {at('placed_until') && <span class="field-errors">{at('placed_until')}</span>}</label>
        <label>{t('channel')}
          <select id="filter-channel" value={channel} onChange={(event) => setChannel(event.currentTarget.value)}>
            <option value="">{t('any')}</option>
            {['phone', 'counter', 'mail', 'email', 'web', 'api', 'edi'].map((value) => <option value={value}>{value}</option>)}
          </select>
        </label>
        <label>{t('status')}
          <select id="filter-status" value={status} onChange={(event) => setStatus(event.currentTarget.value)}>
            <option value="">{t('any')}</option>
            <option value="placed">placed</option>
          </select>
        </label>
        <button type="submit" id="filter-search">{t('search')} <kbd>Enter</kbd></button>
      </form>
      <table class="orders" id="orders">
        <thead><tr><th>{t('number')}</th><th>{t('date')}</th><th>{t('customer')}</th><th>{t('channel')}</th><th>{t('status')}</th><th>{t('total')}</th></tr></thead>
        <tbody>
          {orders.map((order) => (
            <tr>
              <td><a href={`/orders/${order.number}`} onClick={(event) => { event.preventDefault(); navigate(`/orders/${order.number}`); }}>{order.number}</a></td>
              <td>{formatInstant(order.placed_at, locale)}</td>
              <td>{order.customer.company || order.customer.name}</td>
              <td>{order.channel}</td>
              <td>{order.status}</td>
              <td class="money">{order.totals && formatMoney(order.totals.grand_total, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {cursor && <button type="button" onClick={() => void search(true)}>{t('more')}</button>}
    </section>
  );
}

// Without orders:read_private (the fulfillment role) the order comes in its delivery view: no
// customer e-mail or tax id, billing address, payment details, prices, documents or receipt.
export function OrderDetail({ number, locale, t, navigate, canSupervise = false, canReadPrivate = false, canComplaints = false, canComplain = false }: ScreenProps & { number: string; canSupervise?: boolean; canReadPrivate?: boolean; canComplaints?: boolean; canComplain?: boolean }) {
  const [order, setOrder] = useState<ReadOrder | null>(null);
  const [history, setHistory] = useState<History | null>(null);
  const [problem, setProblem] = useState('');
  useEffect(() => {
    const path = `/orders/${encodeURIComponent(number)}`;
    Promise.all([api<ReadOrder>('GET', path), api<History>('GET', `${path}/history`)])
      .then(([loaded, events]) => {
        setOrder(loaded);
        setHistory(events);
      })
      .catch((error) => setProblem(error instanceof ApiError ? error.message : String(error)));
  }, [number]);
  const complain = () => navigate(`/orders/${encodeURIComponent(number)}/complaint`);
  useShortcuts((event) => {
    if (!canComplain || !order || !event.altKey || event.ctrlKey || event.code !== 'KeyN') return false;
    complain();
    return true;
  });
  if (problem) return <p class="field-errors" role="alert">{problem}</p>;
  if (!order) return <p>…</p>;
  const name = (text: { it: string; en: string }) => (locale === 'it' ? text.it : text.en);
  return (
    <article class="order-detail" aria-labelledby="order-title">
      <h2 id="order-title">{order.number} <small>· {t(`status_${order.status}` as 'status_placed')} · rev. {order.revision}</small></h2>
      <p>
        <button type="button" onClick={() => navigate('/orders')}>{t('back')}</button>{' '}
        {canReadPrivate && <button type="button" id="open-receipt" onClick={() => navigate(`/orders/${order.number}/receipt`)}>{t('receipt')}</button>}{' '}
        {canComplain && <button type="button" id="new-complaint" onClick={complain}>{t('newComplaint')} <Kbd keys="Alt+N" /></button>}
      </p>
      <dl class="fields">
        <dt>{t('channel')}</dt><dd>{order.channel}</dd>
        <dt>{t('placedAt')}</dt><dd>{formatInstant(order.placed_at, locale)}</dd>
        <dt>{t('placedBy')}</dt><dd>{order.placed_by}{order.clerk && ` (${order.clerk})`}</dd>
        <dt>{t('customer')}</dt><dd>{[`${order.customer.company} ${order.customer.name}`.trim(), order.customer.tax_id, order.customer.phone, order.customer.email, order.customer.locale].filter(Boolean).join(' · ')}</dd>
        {order.billing_address && <><dt>{t('billTo')}</dt><dd>{addressLines(order.billing_address).join(', ')}</dd></>}
        <dt>{t('shipTo')}</dt><dd>{order.shipping_address ? addressLines(order.shipping_address).join(', ') : name(order.shipping.name)}</dd>
        <dt>{t('shipping')}</dt><dd>{name(order.shipping.name)}{order.shipping.amount && ` · ${formatMoney(order.shipping.amount, locale)}`}</dd>
        <dt>{t('payment')}</dt><dd>{t(order.payment.type as 'cash')}{order.payment.status && ` · ${order.payment.status}`}{order.payment.reference && ` · ${order.payment.reference}`}{order.payment.card && ` · ${order.payment.card.brand} •••• ${order.payment.card.last4}`}{order.payment.amount_due && ` · ${formatMoney(order.payment.amount_due, locale)}`}</dd>
        {order.notes && <><dt>{t('notes')}</dt><dd>{order.notes}</dd></>}
        {order.documents && <><dt>{t('documents')}</dt>
        <dd id="documents">
          {order.documents.map((document, index) => (
            <span>{index > 0 && ' · '}{t(document.kind)} <strong class="document-number">{document.number}</strong> ({formatInstant(document.issued_at, locale)})</span>
          ))}
        </dd></>}
      </dl>
      <table class="lines-table">
        <thead><tr><th>SKU</th><th>{t('name')}</th><th>{t('quantity')}</th><th>{t('unitPrice')}</th><th>{t('amount')}</th></tr></thead>
        <tbody>
          {order.lines.map((line) => (
            <tr><td>{line.item.sku}</td><td>{name(line.item.name)}{line.backordered ? ` (${line.backordered} ${t('backordered')})` : ''}
              {line.appointment && <div class="appointment">{t('appointment')}: {formatAppointment(line.appointment, locale)}</div>}</td><td>{line.quantity}</td>
              <td class="money">{line.unit_price && formatMoney(line.unit_price, locale)}</td><td class="money">{line.amount && formatMoney(line.amount, locale)}</td></tr>
          ))}
        </tbody>
      </table>
      {isFullOrder(order) && <Totals priced={order} locale={locale} t={t} explain={false} />}
      <OrderFulfillmentView number={order.number} locale={locale} t={t} canSupervise={canSupervise} />
      {canReadPrivate && <ReceiptDeliveries number={order.number} locale={locale} t={t} />}
      {canComplaints && <OrderComplaints number={order.number} locale={locale} t={t} navigate={navigate} />}
      <h3>{t('confirmations')}</h3>
      <ul id="confirmations">
        {(order.confirmations ?? []).map((confirmation) => (
          <li>{t('confirmedBy', { by: confirmation.by || confirmation.principal, at: formatInstant(confirmation.confirmed_at, locale), revision: confirmation.revision })}</li>
        ))}
      </ul>
      <h3>{t('history')}</h3>
      <ol id="history">
        {history?.events.map((event) => (
          <li><time dateTime={event.at}>{formatInstant(event.at, locale)}</time> · {event.actor} · <strong>{event.kind}</strong> · {event.detail}</li>
        ))}
      </ol>
    </article>
  );
}

export function Receipt({ number, locale, t, navigate }: ScreenProps & { number: string }) {
  const [order, setOrder] = useState<ReadOrder | null>(null);
  const [document, setDocument] = useState<IssuedDocument | null>(null);
  const [kind, setKind] = useState<DocumentKind>('receipt');
  const [paper, setPaper] = useState<'receipt-80mm' | 'receipt-a4'>('receipt-80mm');
  const [problem, setProblem] = useState('');
  const [issuing, setIssuing] = useState(false);
  const frame = useRef<HTMLIFrameElement>(null);
  const path = `/orders/${encodeURIComponent(number)}`;

  useEffect(() => {
    api<ReadOrder>('GET', path)
      .then(setOrder)
      .catch((error) => setProblem(error instanceof ApiError ? error.message : String(error)));
  }, [number]);
  useEffect(() => {
    setDocument(null);
    api<IssuedDocument>('GET', `${path}/receipt?format=json&kind=${kind}`)
      .then(setDocument)
      .catch((error) => setProblem(error instanceof ApiError ? error.message : String(error)));
  }, [number, kind]);

  // The frame is as tall as the rendering, so the page prints it whole; it may be read
  // because it is same-origin (sandbox allow-same-origin, and no script may run in it).
  const fit = () => {
    const inner = frame.current?.contentDocument?.documentElement;
    if (frame.current && inner) frame.current.style.height = `${inner.scrollHeight + 4}px`;
  };
  useEffect(fit, [paper]);

  const hasInvoice = (order?.documents ?? []).some((issued) => issued.kind === 'invoice');
  const canInvoice = Boolean(order?.customer.tax_id);
  const invoice = async () => {
    if (!order || !canInvoice || issuing) return;
    if (hasInvoice) {
      setKind('invoice');
      return;
    }
    setIssuing(true);
    setProblem('');
    try {
      await api<IssuedDocument>('POST', `${path}/invoice`, { idempotencyKey: newKey('invoice') });
      setOrder(await api<ReadOrder>('GET', path));
      setKind('invoice');
    } catch (error) {
      setProblem(problemsOf(error).map((entry) => entry.problem).join('; '));
    } finally {
      setIssuing(false);
    }
  };
  const openPdf = () => window.open(documentUrl(number, kind, 'pdf'), '_blank', 'noopener');

  useShortcuts((event) => {
    if (!event.altKey || event.ctrlKey) return false;
    switch (event.code) {
      case 'KeyS': window.print(); return true;
      case 'KeyD': openPdf(); return true;
      case 'KeyF': void invoice(); return true;
      default: return false;
    }
  });

  if (problem && !order) return <p class="field-errors" role="alert">{problem}</p>;
  if (!order) return <p>…</p>;
  return (
    <div class="receipt-screen">
      <div class="no-print receipt-tools">
        <button type="button" onClick={() => navigate(`/orders/${order.number}`)}>{t('back')}</button>
        <label><input type="radio" name="paper" checked={paper === 'receipt-80mm'} onChange={() => setPaper('receipt-80mm')} /> {t('paper80')}</label>
        <label><input type="radio" name="paper" checked={paper === 'receipt-a4'} onChange={() => setPaper('receipt-a4')} /> {t('paperA4')}</label>
        <button type="button" id="print" onClick={() => window.print()}>{t('print')} <Kbd keys="Alt+S" /></button>
        <a class="button" id="receipt-pdf" href={documentUrl(number, kind, 'pdf')} target="_blank" rel="noopener">{t('pdf')} <Kbd keys="Alt+D" /></a>
        {kind === 'invoice' && <button type="button" id="show-receipt" onClick={() => setKind('receipt')}>{t('receipt')}</button>}
        {kind === 'receipt' && canInvoice && (
          <button type="button" id="invoice" disabled={issuing} onClick={() => void invoice()}>{hasInvoice ? t('invoice') : t('issueInvoice')} <Kbd keys="Alt+F" /></button>
        )}
        {!canInvoice && <span class="hint">{t('noTaxId')}</span>}
      </div>
      <p class="no-print receipt-summary" id="receipt-summary">
        {t(kind)} <strong id="receipt-number">{document?.number ?? '…'}</strong>
        {order.totals && <>{' · '}{t('grandTotal')} <strong id="receipt-total">{formatMoney(order.totals.grand_total, locale)}</strong></>}
        {order.totals?.change && <>{' · '}{t('changeDue')} <strong id="receipt-change">{formatMoney(order.totals.change, locale)}</strong></>}
      </p>
      {problem && <p class="field-errors no-print" role="alert">{problem}</p>}
      <section class={`receipt ${paper}`} id="receipt-paper">
        <iframe
          ref={frame}
          id="receipt-frame"
          title={`${t(kind)} ${document?.number ?? ''}`}
          sandbox="allow-same-origin"
          src={documentUrl(number, kind, 'html')}
          onLoad={fit}
        />
      </section>
    </div>
  );
}
