// Customer care in the console (docs/customer-care.md): the complaints queue (overdue first,
// then by due time, as the API lists them), one complaint's case screen (every field, the
// order's lines concerned, the history, the steps the status allows and the role holds, each
// sent with the revision shown) and the form that opens a complaint from an order or a general
// one. Every step and the opening are taken from the keyboard.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, newKey, problemsOf, type FieldProblem } from './api';
import { formatInstant, formatSpokenInstant, translator, type Locale, type Translate } from './i18n';
import { Kbd, useShortcuts } from './shortcuts';
import type {
  Complaint, ComplaintChannel, ComplaintDetail, ComplaintPriority, ComplaintReason, ComplaintStatus, Page, ReadOrder,
} from './types';

interface Props {
  locale: Locale;
  t: Translate;
  navigate: (path: string) => void;
}

const STATUSES: ComplaintStatus[] = ['open', 'forwarded', 'in_progress', 'awaiting_customer', 'resolved', 'rejected', 'closed'];
const REASONS: ComplaintReason[] = ['damaged', 'wrong_item', 'missing_item', 'late', 'not_as_described', 'billing_error', 'service', 'other'];
const PRIORITIES: ComplaintPriority[] = ['low', 'normal', 'high', 'urgent'];
const CHANNELS: ComplaintChannel[] = ['phone', 'counter', 'mail', 'email', 'web', 'api'];
// The statuses in which a complaint is being worked on: it can still be resolved or rejected.
const ACTIVE: ComplaintStatus[] = ['open', 'forwarded', 'in_progress', 'awaiting_customer'];

const statusName = (t: Translate, status: string) => t(`cstatus_${status}` as 'cstatus_open');
const reasonName = (t: Translate, reason: string) => t(`reason_${reason}` as 'reason_other');
const priorityName = (t: Translate, priority: string) => t(`priority_${priority}` as 'priority_normal');
const channelName = (t: Translate, channel: string) => t(`channel_${channel}` as 'channel_phone');
const itemName = (name: { it: string; en: string } | undefined, locale: Locale) => (name ? name[locale] : '');

function Problems({ problems, id }: { problems: FieldProblem[]; id: string }) {
  if (problems.length === 0) return null;
  return (
    <ul class="field-errors" id={id} role="alert">
      {problems.map((problem) => <li>{problem.path && `${problem.path}: `}{problem.problem}</li>)}
    </ul>
  );
}

function StatusBadge({ status, t }: { status: string; t: Translate }) {
  return <span class={`state cstatus-${status}`} data-status={status}>{statusName(t, status)}</span>;
}

// The due time, and "OVERDUE" in words beside it (not by colour alone).
function Due({ complaint, locale, t }: { complaint: Complaint; locale: Locale; t: Translate }) {
  return (
    <>
      <time dateTime={complaint.due_at}>{formatInstant(complaint.due_at, locale)}</time>
      {complaint.overdue && <strong class="flag overdue-flag"> ⚠ {t('overdue')}</strong>}
    </>
  );
}

// ---- The queue --------------------------------------------------------------------------

export function ComplaintQueue({ locale, t, navigate, username, canWrite }: Props & { username: string; canWrite: boolean }) {
  const [status, setStatus] = useState('');
  const [reason, setReason] = useState('');
  const [owner, setOwner] = useState<'' | 'mine' | 'nobody'>('');
  const [order, setOrder] = useState('');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [complaints, setComplaints] = useState<Complaint[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [paged, setPaged] = useState(false);
  const [selected, setSelected] = useState(0);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const table = useRef<HTMLTableElement>(null);
  const focusRow = useRef(true);

  const params = () => {
    const query = new URLSearchParams({ limit: '50' });
    if (status) query.set('status', status);
    if (reason) query.set('reason', reason);
    if (owner === 'mine') query.set('owner', username);
    if (owner === 'nobody') query.set('owner', '');
    if (order.trim()) query.set('order_number', order.trim());
    if (overdueOnly) query.set('overdue', 'true');
    return query;
  };
  const load = async (more = false) => {
    try {
      const query = params();
      if (more && cursor) query.set('cursor', cursor);
      const page = await api<Page<Complaint>>('GET', `/complaints?${query}`);
      setComplaints((current) => (more ? [...(current ?? []), ...page.entries] : page.entries));
      setCursor(page.next_cursor);
      setPaged(more);
      setProblems([]);
    } catch (error) {
      setProblems(problemsOf(error));
    }
  };

  useEffect(() => {
    setSelected(0);
    void load();
  }, [status, reason, owner, overdueOnly]);
  // The first page again now and then, so new and moved complaints show up; not once paged on.
  useEffect(() => {
    if (paged) return undefined;
    const timer = window.setInterval(() => void load(), 10000);
    return () => window.clearInterval(timer);
  }, [paged, status, reason, owner, overdueOnly, order]);
  useEffect(() => {
    if (!complaints || complaints.length === 0 || !focusRow.current) return;
    focusRow.current = false;
    table.current?.querySelector<HTMLElement>(`tr[data-index="${Math.min(selected, complaints.length - 1)}"]`)?.focus();
  }, [selected, complaints]);

  const open = (complaint: Complaint) => navigate(`/complaints/${encodeURIComponent(complaint.number)}`);
  const move = (next: number) => {
    focusRow.current = true;
    setSelected(next);
  };

  useShortcuts((event) => {
    if (event.altKey && !event.ctrlKey && event.code === 'KeyN' && canWrite) {
      navigate('/complaints/new');
      return true;
    }
    if (event.altKey || event.ctrlKey || !complaints || complaints.length === 0) return false;
    const target = event.target as HTMLElement;
    if (target.tagName === 'INPUT' || target.tagName === 'SELECT') return false;
    if (event.key === 'ArrowDown') move(Math.min(selected + 1, complaints.length - 1));
    else if (event.key === 'ArrowUp') move(Math.max(selected - 1, 0));
    else if (event.key === 'Enter') open(complaints[Math.min(selected, complaints.length - 1)]);
    else return false;
    return true;
  });

  return (
    <section class="queue complaints" aria-labelledby="complaints-title">
      <h2 id="complaints-title">{t('complaints')}</h2>
      <form class="filters" onSubmit={(event) => { event.preventDefault(); setSelected(0); void load(); }}>
        <label>{t('status')}
          <select id="complaint-filter-status" value={status} onChange={(event) => setStatus(event.currentTarget.value)}>
            <option value="">{t('any')}</option>
            {STATUSES.map((value) => <option value={value}>{statusName(t, value)}</option>)}
          </select>
        </label>
        <label>{t('reason')}
          <select id="complaint-filter-reason" value={reason} onChange={(event) => setReason(event.currentTarget.value)}>
            <option value="">{t('any')}</option>
            {REASONS.map((value) => <option value={value}>{reasonName(t, value)}</option>)}
          </select>
        </label>
        <label>{t('owner')}
          <select id="complaint-filter-owner" value={owner} onChange={(event) => setOwner(event.currentTarget.value as 'mine')}>
            <option value="">{t('any')}</option>
            <option value="mine">{t('mine')}</option>
            <option value="nobody">{t('nobody')}</option>
          </select>
        </label>
        <label>{t('order')}<input id="complaint-filter-order" value={order} onInput={(event) => setOrder(event.currentTarget.value)} /></label>
        <label class="inline"><span><input type="checkbox" id="complaint-filter-overdue" checked={overdueOnly} onChange={(event) => setOverdueOnly(event.currentTarget.checked)} /> {t('overdueOnly')}</span></label>
        <button type="submit" id="complaint-filter-search">{t('search')} <kbd>Enter</kbd></button>
        {canWrite && <button type="button" id="new-general-complaint" onClick={() => navigate('/complaints/new')}>{t('generalComplaint')} <Kbd keys="Alt+N" /></button>}
      </form>
      <p class="hint">{t('complaintsHint')}</p>
      <Problems problems={problems} id="complaint-queue-problems" />
      {complaints && complaints.length === 0 && <p id="complaints-empty">{t('complaintsEmpty')}</p>}
      {complaints && complaints.length > 0 && (
        <table class="orders queue-table" id="complaints" ref={table}>
          <thead><tr><th>{t('number')}</th><th>{t('status')}</th><th>{t('reason')}</th><th>{t('priority')}</th><th>{t('order')}</th><th>{t('owner')}</th><th>{t('dueAt')}</th></tr></thead>
          <tbody>
            {complaints.map((complaint, index) => (
              <tr tabIndex={0} data-index={index} data-number={complaint.number}
                class={`${index === selected ? 'active' : ''} ${complaint.overdue ? 'escalated' : ''}`}
                onClick={() => open(complaint)} onFocus={() => setSelected(index)}>
                <td>{complaint.number}</td>
                <td><StatusBadge status={complaint.status} t={t} /></td>
                <td>{reasonName(t, complaint.reason)}</td>
                <td>{priorityName(t, complaint.priority)}</td>
                <td>{complaint.order_number ?? '—'}</td>
                <td>{complaint.owner ?? '—'}</td>
                <td class="due"><Due complaint={complaint} locale={locale} t={t} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cursor && <button type="button" onClick={() => void load(true)}>{t('more')}</button>}
    </section>
  );
}

// ---- One complaint ----------------------------------------------------------------------

type StepKind = 'comment' | 'assign' | 'forward' | 'start' | 'await' | 'resolve' | 'reject' | 'close' | 'reopen';

interface StepSpec {
  kind: StepKind;
  path: string; // POST /complaints/{number}/<path>
  field: 'text' | 'note' | 'outcome' | 'reason' | 'owner'; // The body member the typed text goes in.
  required: boolean;
  keys: string;
  code: string;
  permission: 'complaints:write' | 'complaints:manage';
  from: ComplaintStatus[];
  revision: boolean; // Comments name none (decision 0029).
}

// The steps and who may take them when (docs/customer-care.md, "Its life").
const STEPS: StepSpec[] = [
  { kind: 'comment', path: 'comments', field: 'text', required: true, keys: 'Alt+C', code: 'KeyC', permission: 'complaints:write', from: STATUSES, revision: false },
  { kind: 'assign', path: 'assign', field: 'owner', required: false, keys: 'Alt+A', code: 'KeyA', permission: 'complaints:manage', from: STATUSES.filter((status) => status !== 'closed'), revision: true },
  { kind: 'forward', path: 'forward', field: 'note', required: true, keys: 'Alt+F', code: 'KeyF', permission: 'complaints:write', from: ['open'], revision: true },
  { kind: 'start', path: 'start', field: 'note', required: false, keys: 'Alt+S', code: 'KeyS', permission: 'complaints:manage', from: ['open', 'forwarded', 'awaiting_customer'], revision: true },
  { kind: 'await', path: 'await-customer', field: 'note', required: false, keys: 'Alt+W', code: 'KeyW', permission: 'complaints:manage', from: ['in_progress'], revision: true },
  { kind: 'resolve', path: 'resolve', field: 'outcome', required: true, keys: 'Alt+R', code: 'KeyR', permission: 'complaints:write', from: ACTIVE, revision: true },
  { kind: 'reject', path: 'reject', field: 'reason', required: true, keys: 'Alt+X', code: 'KeyX', permission: 'complaints:manage', from: ACTIVE, revision: true },
  { kind: 'close', path: 'close', field: 'note', required: false, keys: 'Alt+L', code: 'KeyL', permission: 'complaints:manage', from: ['resolved', 'rejected'], revision: true },
  { kind: 'reopen', path: 'reopen', field: 'reason', required: true, keys: 'Alt+E', code: 'KeyE', permission: 'complaints:manage', from: ['resolved', 'rejected', 'closed'], revision: true },
];

function fieldLabel(spec: StepSpec, t: Translate): string {
  if (spec.field === 'note') return spec.required ? t('field_note') : t('field_noteOptional');
  return t(`field_${spec.field}` as 'field_text');
}

export function ComplaintCase({ number, locale, t, navigate, username, can }: Props & { number: string; username: string; can: (permission: string) => boolean }) {
  const [complaint, setComplaint] = useState<ComplaintDetail | null>(null);
  const [order, setOrder] = useState<ReadOrder | null>(null);
  const [step, setStep] = useState<StepKind | null>(null);
  const [texts, setTexts] = useState<Partial<Record<StepKind, string>>>({});
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [notice, setNotice] = useState('');
  const [conflict, setConflict] = useState('');
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  const field = useRef<HTMLTextAreaElement & HTMLInputElement>(null);
  const path = `/complaints/${encodeURIComponent(number)}`;

  const load = async (): Promise<ComplaintDetail | null> => {
    try {
      const loaded = await api<ComplaintDetail>('GET', path);
      setComplaint(loaded);
      return loaded;
    } catch (error) {
      setProblems(problemsOf(error));
      return null;
    }
  };
  useEffect(() => {
    setComplaint(null);
    setOrder(null);
    void load();
  }, [number]);
  useEffect(() => {
    if (!complaint?.order_number) return;
    api<ReadOrder>('GET', `/orders/${encodeURIComponent(complaint.order_number)}`).then(setOrder).catch(() => setOrder(null));
  }, [complaint?.order_number]);
  useEffect(() => {
    if (step) field.current?.focus();
  }, [step]);

  const allowed = (spec: StepSpec, status: ComplaintStatus) => can(spec.permission) && spec.from.includes(status);
  const choose = (spec: StepSpec) => {
    if (spec.kind === 'assign' && texts.assign === undefined) setTexts((current) => ({ ...current, assign: username }));
    setStep(spec.kind);
    setProblems([]);
    setNotice('');
    field.current?.focus();
  };

  const send = async () => {
    const spec = STEPS.find((candidate) => candidate.kind === step);
    if (!complaint || !spec || busyRef.current || !allowed(spec, complaint.status)) return;
    const text = texts[spec.kind] ?? '';
    const body: Record<string, unknown> = {};
    if (spec.revision) body.revision = complaint.revision;
    if (spec.field === 'owner') body.owner = text.trim();
    else if (text.trim() || spec.required) body[spec.field] = text;
    busyRef.current = true;
    setBusy(true);
    setProblems([]);
    setConflict('');
    setNotice('');
    try {
      // A step names its revision, so repeating it after a lost answer is a 409, never a
      // second step; a comment names none and is not repeated blindly (decision 0029).
      const updated = await api<ComplaintDetail>('POST', `${path}/${spec.path}`, { body, retry: spec.revision });
      setComplaint(updated);
      setTexts((current) => ({ ...current, [spec.kind]: undefined }));
      setStep(null);
      setNotice(t('stepDone', { step: t(`step_${spec.kind}`) }));
    } catch (error) {
      if (error instanceof ApiError && error.problem.status === 409 && error.problem.current_revision !== undefined) {
        // Someone else took a step meanwhile: show it as it is now, keep what was typed.
        const fresh = await load();
        const now = fresh?.status ?? error.problem.current_status ?? complaint.status;
        setConflict(t(now !== complaint.status ? 'conflictMoved' : 'conflictChanged', {
          status: statusName(t, now), revision: fresh?.revision ?? error.problem.current_revision,
        }));
        field.current?.focus();
      } else {
        setProblems(problemsOf(error));
      }
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };

  useShortcuts((event) => {
    if (!complaint) return false;
    if (event.ctrlKey && event.key === 'Enter' && step) {
      void send();
      return true;
    }
    if (event.key === 'Escape' && step) {
      setStep(null);
      return true;
    }
    if (!event.altKey || event.ctrlKey) return false;
    if (event.code === 'KeyB') {
      navigate('/complaints');
      return true;
    }
    const spec = STEPS.find((candidate) => candidate.code === event.code);
    if (!spec || !allowed(spec, complaint.status)) return false;
    choose(spec);
    return true;
  });

  if (!complaint) return problems.length > 0 ? <Problems problems={problems} id="complaint-problems" /> : <p>…</p>;
  const available = STEPS.filter((spec) => allowed(spec, complaint.status));
  const current = STEPS.find((spec) => spec.kind === step) ?? null;
  // The read-back is said in the customer's language when the order names it.
  const customerLocale: Locale = order?.customer.locale === 'en' || order?.customer.locale === 'it' ? order.customer.locale : locale;
  const readBack = translator(customerLocale)('complaintReadBackText', {
    number: complaint.number, due: formatSpokenInstant(complaint.due_at, customerLocale),
  });
  const orderLines = complaint.lines.length > 0
    ? complaint.lines.map((line) => ({ line_no: line.line_no, sku: line.sku ?? '', name: itemName(line.name, locale), quantity: line.quantity, ordered: line.ordered }))
    : (order?.lines ?? []).map((line, index) => ({ line_no: index + 1, sku: line.item.sku, name: itemName(line.item.name, locale), quantity: line.quantity, ordered: line.quantity }));

  return (
    <article class="task complaint" aria-labelledby="complaint-title">
      <h2 id="complaint-title">{t('complaint')} <span id="complaint-number">{complaint.number}</span> <small>· <StatusBadge status={complaint.status} t={t} /> · rev. <span id="complaint-revision">{complaint.revision}</span></small></h2>
      <p class="actions">
        <button type="button" onClick={() => navigate('/complaints')}>{t('back')} <Kbd keys="Alt+B" /></button>
      </p>
      {ACTIVE.includes(complaint.status) && (
        <section class="placed" aria-labelledby="complaint-readback-title">
          <h3 id="complaint-readback-title">{t('complaintReadBack')}</h3>
          <blockquote id="complaint-readback" lang={customerLocale}>{readBack}</blockquote>
        </section>
      )}
      <dl class="fields" id="complaint-fields">
        <dt>{t('status')}</dt><dd id="complaint-status" data-status={complaint.status}>{statusName(t, complaint.status)}</dd>
        <dt>{t('reason')}</dt><dd id="complaint-reason">{reasonName(t, complaint.reason)}</dd>
        <dt>{t('priority')}</dt><dd>{priorityName(t, complaint.priority)}</dd>
        <dt>{t('channel')}</dt><dd>{channelName(t, complaint.channel)}</dd>
        <dt>{t('order')}</dt><dd id="complaint-order">{complaint.order_number
          ? <a href={`/orders/${complaint.order_number}`} onClick={(event) => { event.preventDefault(); navigate(`/orders/${complaint.order_number}`); }}>{complaint.order_number}</a>
          : t('noOrder')}</dd>
        {order && <><dt>{t('customer')}</dt><dd>{[`${order.customer.company} ${order.customer.name}`.trim(), order.customer.phone, order.customer.email].filter(Boolean).join(' · ')}</dd></>}
        <dt>{t('customerWords')}</dt><dd class="words" id="complaint-words">{complaint.customer_words}</dd>
        <dt>{t('owner')}</dt><dd id="complaint-owner">{complaint.owner ?? '—'}</dd>
        <dt>{t('dueAt')}</dt><dd id="complaint-due"><Due complaint={complaint} locale={locale} t={t} /></dd>
        <dt>{t('openedBy')}</dt><dd>{complaint.opened_by} · {formatInstant(complaint.created_at, locale)}</dd>
        <dt>{t('updatedAt')}</dt><dd>{formatInstant(complaint.updated_at, locale)}</dd>
        {complaint.outcome && <><dt>{t('outcome')}</dt><dd class="words" id="complaint-outcome">{complaint.outcome}</dd></>}
      </dl>
      {complaint.order_number && (
        <>
          <h3>{complaint.lines.length > 0 ? t('linesConcerned') : t('wholeOrder')}</h3>
          <table class="lines-table" id="complaint-lines">
            <thead><tr><th>#</th><th>SKU</th><th>{t('name')}</th><th>{t('quantityConcerned')}</th><th>{t('ordered')}</th></tr></thead>
            <tbody>
              {orderLines.map((line) => (
                <tr data-line={line.line_no}><td>{line.line_no}</td><td>{line.sku}</td><td>{line.name}</td><td>{line.quantity}</td><td>{line.ordered ?? ''}</td></tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h3>{t('steps')}</h3>
      {available.length === 0 && <p class="hint">{t('noSteps')}</p>}
      <p class="actions" id="complaint-steps">
        {available.map((spec) => (
          <button type="button" id={`step-${spec.kind}`} aria-pressed={step === spec.kind} onClick={() => choose(spec)}>{t(`step_${spec.kind}`)} <Kbd keys={spec.keys} /></button>
        ))}
      </p>
      {conflict && <p class="field-errors" id="complaint-conflict" role="alert">{conflict}</p>}
      {notice && <p class="notice" id="complaint-notice" role="status">{notice}</p>}
      {current && (
        <form class="step-form" id="step-form" data-step={current.kind} onSubmit={(event) => { event.preventDefault(); void send(); }}>
          <label>{fieldLabel(current, t)}
            {current.field === 'owner'
              ? <input id="step-text" ref={field} value={texts[current.kind] ?? ''} onInput={(event) => setTexts({ ...texts, [current.kind]: event.currentTarget.value })} />
              : <textarea id="step-text" ref={field} rows={3} value={texts[current.kind] ?? ''} onInput={(event) => setTexts({ ...texts, [current.kind]: event.currentTarget.value })} />}
          </label>
          <div class="actions">
            <button type="submit" class="primary" id="step-send" disabled={busy || !allowed(current, complaint.status)}>{t(`step_${current.kind}`)} <Kbd keys="Ctrl+Enter" /></button>
            <button type="button" onClick={() => setStep(null)}>{t('cancel')} <Kbd keys="Esc" /></button>
            <span class="hint">{allowed(current, complaint.status) ? t('stepHint') : t('stepNotNow')}</span>
          </div>
        </form>
      )}
      <Problems problems={problems} id="complaint-problems" />
      <h3>{t('history')}</h3>
      <ol id="complaint-history">
        {complaint.history.map((event) => (
          <li data-action={event.action}>
            <time dateTime={event.at}>{formatInstant(event.at, locale)}</time> · {event.actor} · <strong>{t(`action_${event.action}` as 'action_opened')}</strong>
            {event.from && event.to && <> ({statusName(t, event.from)} → {statusName(t, event.to)})</>}
            {event.note && <> · <span class="words">{event.note}</span></>}
          </li>
        ))}
      </ol>
    </article>
  );
}

// ---- Opening a complaint ----------------------------------------------------------------

// From an order (its lines to pick, with quantities) or, without one, a general complaint.
// The Idempotency-Key is made with the form, so a double Ctrl+Enter or a retry after a network
// error opens one complaint; a refusal opened nothing, so the corrected form takes a new key.
export function OpenComplaint({ orderNumber, locale, t, navigate }: Props & { orderNumber: string | null }) {
  const [order, setOrder] = useState<ReadOrder | null>(null);
  const [reason, setReason] = useState('');
  const [quantities, setQuantities] = useState<Record<number, string>>({});
  const [words, setWords] = useState('');
  const [priority, setPriority] = useState<ComplaintPriority>('normal');
  const [channel, setChannel] = useState<ComplaintChannel>('phone');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [sentLines, setSentLines] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  const key = useRef(newKey('console-complaint'));
  const reasonSelect = useRef<HTMLSelectElement>(null);

  useEffect(() => {
    if (!orderNumber) return;
    api<ReadOrder>('GET', `/orders/${encodeURIComponent(orderNumber)}`)
      .then(setOrder)
      .catch((error) => setProblems(problemsOf(error)));
  }, [orderNumber]);
  useEffect(() => {
    reasonSelect.current?.focus();
  }, [order]);

  const back = () => navigate(orderNumber ? `/orders/${encodeURIComponent(orderNumber)}` : '/complaints');
  const submit = async () => {
    if (busyRef.current) return;
    const lines = Object.entries(quantities)
      .filter(([, typed]) => typed.trim() !== '')
      .map(([lineNo, typed]) => ({ line_no: Number(lineNo), quantity: /^\d+$/.test(typed.trim()) ? Number(typed.trim()) : typed }))
      .sort((a, b) => a.line_no - b.line_no);
    const body: Record<string, unknown> = { reason, channel, priority, customer_words: words };
    if (orderNumber) {
      body.order_number = orderNumber;
      if (lines.length > 0) body.lines = lines;
    }
    busyRef.current = true;
    setBusy(true);
    setProblems([]);
    setSentLines(lines.map((line) => line.line_no));
    try {
      const opened = await api<ComplaintDetail>('POST', '/complaints', { body, idempotencyKey: key.current });
      navigate(`/complaints/${encodeURIComponent(opened.number)}`);
    } catch (error) {
      setProblems(problemsOf(error));
      key.current = newKey('console-complaint');
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };

  useShortcuts((event) => {
    if (event.ctrlKey && event.key === 'Enter') {
      void submit();
      return true;
    }
    if (event.key === 'Escape') {
      back();
      return true;
    }
    return false;
  });

  const at = (path: string) => problems.filter((problem) => problem.path === path).map((problem) => problem.problem).join('; ');
  const atLine = (lineNo: number) => {
    const index = sentLines.indexOf(lineNo);
    return index < 0 ? '' : problems.filter((problem) => problem.path.startsWith(`lines[${index}]`)).map((problem) => problem.problem).join('; ');
  };
  return (
    <section class="task open-complaint" aria-labelledby="open-complaint-title">
      <h2 id="open-complaint-title">{t('newComplaint')} · {orderNumber ? `${t('order')} ${orderNumber}` : t('generalComplaint')}</h2>
      <form onSubmit={(event) => { event.preventDefault(); void submit(); }}>
        <p>
          <label>{t('reason')}
            <select id="complaint-reason" ref={reasonSelect} value={reason} onChange={(event) => setReason(event.currentTarget.value)}>
              <option value="">—</option>
              {REASONS.map((value) => <option value={value}>{reasonName(t, value)}</option>)}
            </select>
            {at('reason') && <span class="field-errors">{at('reason')}</span>}
          </label>
        </p>
        {orderNumber && (
          <>
            <h3>{t('linesConcerned')}</h3>
            <p class="hint">{t('linesHint')}</p>
            <table class="lines-table" id="complaint-order-lines">
              <thead><tr><th>#</th><th>SKU</th><th>{t('name')}</th><th>{t('ordered')}</th><th>{t('quantityConcerned')}</th></tr></thead>
              <tbody>
                {(order?.lines ?? []).map((line, index) => (
                  <tr>
                    <td>{index + 1}</td><td>{line.item.sku}</td><td>{itemName(line.item.name, locale)}</td><td>{line.quantity}</td>
                    <td>
                      <input class="quantity complaint-quantity" id={`complaint-line-${index + 1}`} inputMode="numeric" aria-label={`${t('quantityConcerned')} ${line.item.sku}`}
                        value={quantities[index + 1] ?? ''} onInput={(event) => setQuantities({ ...quantities, [index + 1]: event.currentTarget.value })} />
                      {atLine(index + 1) && <span class="field-errors">{atLine(index + 1)}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
        <p>
          <label class="wide">{t('customerWords')}
            <textarea id="complaint-words-input" rows={4} value={words} onInput={(event) => setWords(event.currentTarget.value)} />
            {at('customer_words') && <span class="field-errors">{at('customer_words')}</span>}
          </label>
        </p>
        <p>
          <label>{t('priority')}
            <select id="complaint-priority" value={priority} onChange={(event) => setPriority(event.currentTarget.value as ComplaintPriority)}>
              {PRIORITIES.map((value) => <option value={value}>{priorityName(t, value)}</option>)}
            </select>
          </label>
          <label>{t('channel')}
            <select id="complaint-channel" value={channel} onChange={(event) => setChannel(event.currentTarget.value as ComplaintChannel)}>
              {CHANNELS.map((value) => <option value={value}>{channelName(t, value)}</option>)}
            </select>
          </label>
        </p>
        <Problems problems={problems} id="open-complaint-problems" />
        <p class="actions">
          <button type="submit" class="primary" id="open-complaint" disabled={busy}>{t('openComplaint')} <Kbd keys="Ctrl+Enter" /></button>
          <button type="button" onClick={back}>{t('cancel')} <Kbd keys="Esc" /></button>
          <span class="hint">{t('openComplaintHint')}</span>
        </p>
      </form>
    </section>
  );
}

// The complaints about one order, on its detail (for whoever reads complaints).
export function OrderComplaints({ number, locale, t, navigate }: Props & { number: string }) {
  const [complaints, setComplaints] = useState<Complaint[] | null>(null);
  useEffect(() => {
    api<Page<Complaint>>('GET', `/complaints?order_number=${encodeURIComponent(number)}&limit=50`)
      .then((page) => setComplaints(page.entries))
      .catch(() => setComplaints(null));
  }, [number]);
  if (!complaints || complaints.length === 0) return null;
  return (
    <>
      <h3>{t('complaints')}</h3>
      <ul id="order-complaints">
        {complaints.map((complaint) => (
          <li>
            <a href={`/complaints/${complaint.number}`} onClick={(event) => { event.preventDefault(); navigate(`/complaints/${complaint.number}`); }}>{complaint.number}</a>
            {' · '}<StatusBadge status={complaint.status} t={t} /> · {reasonName(t, complaint.reason)} · {t('dueAt')} <Due complaint={complaint} locale={locale} t={t} />
          </li>
        ))}
      </ul>
    </>
  );
}

// The overdue complaints, on the supervisor's escalations screen: they escalate there as
// unacknowledged tasks do (docs/customer-care.md, "Due times"). Refreshed as that screen is.
export function OverdueComplaints({ locale, t, navigate }: Props) {
  const [complaints, setComplaints] = useState<Complaint[] | null>(null);
  const [problem, setProblem] = useState('');
  useEffect(() => {
    const load = () =>
      api<Page<Complaint>>('GET', '/complaints?overdue=true&limit=100')
        .then((page) => { setComplaints(page.entries); setProblem(''); })
        .catch((error) => setProblem(error instanceof ApiError ? error.message : String(error)));
    void load();
    const timer = window.setInterval(load, 5000);
    return () => window.clearInterval(timer);
  }, []);
  const open = (number: string) => navigate(`/complaints/${encodeURIComponent(number)}`);
  return (
    <section class="order-list" aria-labelledby="overdue-complaints-title">
      <h2 id="overdue-complaints-title">{t('overdueComplaints')}</h2>
      {problem && <p class="field-errors" role="alert">{problem}</p>}
      {complaints && complaints.length === 0 && <p id="overdue-complaints-empty">{t('noOverdueComplaints')}</p>}
      {complaints && complaints.length > 0 && (
        <table class="orders" id="overdue-complaints">
          <thead><tr><th>{t('number')}</th><th>{t('status')}</th><th>{t('reason')}</th><th>{t('priority')}</th><th>{t('owner')}</th><th>{t('dueAt')}</th></tr></thead>
          <tbody>
            {complaints.map((complaint) => (
              <tr tabIndex={0} class="escalated" data-number={complaint.number} onClick={() => open(complaint.number)} onKeyDown={(event) => event.key === 'Enter' && open(complaint.number)}>
                <td>{complaint.number}</td><td><StatusBadge status={complaint.status} t={t} /></td><td>{reasonName(t, complaint.reason)}</td>
                <td>{priorityName(t, complaint.priority)}</td><td>{complaint.owner ?? ''}</td><td><Due complaint={complaint} locale={locale} t={t} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
