// The departments' side of the console (docs/fulfillment.md): the queue of a department with
// each task's age, the task screen (claim, acknowledge, pick list, picked quantities, shipment
// or done), the supervisor's escalations, and the fulfillment part of an order's detail (its
// status, promised dispatch date, tasks, holds; hold, lift and cancel for supervisors).
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, newKey, problemsOf, type FieldProblem } from './api';
import type { Appointment } from './types';
import { formatAppointment, formatDay, formatDuration, formatInstant, type Locale, type Translate } from './i18n';
import { Kbd, useShortcuts } from './shortcuts';

export interface TaskLine {
  line_no: number;
  sku: string;
  name: string;
  kind: 'good' | 'service';
  unit: string;
  quantity: number;
  backordered: number;
  picked: number;
  shipped: number;
  appointment?: Appointment | null; // The order line's, for services; null when none.
}

export interface TaskShipment {
  carrier: string;
  tracking_number: string;
  lines: { line_no: number; quantity: number }[];
  shipped_by: string;
  shipped_at: string;
}

export interface Task {
  id: number;
  order: string;
  department: string;
  department_name: string;
  state: 'scheduled' | 'held' | 'released' | 'in_progress' | 'partly_shipped' | 'shipped' | 'done' | 'cancelled';
  lines: TaskLine[];
  created_at: string;
  release_at: string;
  released_at: string | null;
  age_seconds: number | null;
  escalate_at: string | null;
  escalated_at: string | null;
  claimed_by: string | null;
  lease_until: string | null;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
  shipments: TaskShipment[];
  finished_at: string | null;
  customer_name: string;
  shipping_method: string;
  promised_dispatch: string | null;
}

interface DepartmentStats {
  scheduled: number;
  queued: number;
  in_progress: number;
  escalated: number;
  acknowledged_count: number;
  mean_time_in_queue_seconds: number | null;
  dispatched_count: number;
  mean_time_to_dispatch_seconds: number | null;
}

export interface Department {
  code: string;
  name: string;
  time_zone: string;
  ships: boolean;
  working_days: string[];
  opens: string;
  closes: string;
  release: { kind: 'immediate' | 'waves' | 'cut_off'; waves?: string[]; cut_off?: string; release_at?: string };
  next_release: string | null;
  escalate_after_minutes: number;
  lease_seconds: number;
  stats: DepartmentStats;
}

interface Hold {
  kind: 'payment' | 'manual' | 'address';
  reason: string;
  placed_by: string;
  placed_at: string;
  lifted_by: string | null;
  lifted_at: string | null;
}

export interface OrderFulfillment {
  order: string;
  status: string;
  promised_dispatch: string | null;
  tasks: Task[];
  holds: Hold[];
}

interface Props {
  locale: Locale;
  t: Translate;
  navigate: (path: string) => void;
}

const OPEN_STATES = new Set(['released', 'in_progress', 'partly_shipped']);

function messageOf(error: unknown): string {
  return error instanceof ApiError ? (error.problem.errors?.[0]?.problem ? `${error.message} ${error.problem.errors.map((e) => `${e.path}: ${e.problem}`).join('; ')}` : error.message) : String(error);
}

function StateBadge({ state, t }: { state: string; t: Translate }) {
  return <span class={`state state-${state}`}>{t(`state_${state}` as 'state_released')}</span>;
}

// ---- The queue --------------------------------------------------------------------------

export function Queue({ locale, t, navigate, department }: Props & { department: string | null }) {
  const [departments, setDepartments] = useState<Department[] | null>(null);
  const [tasks, setTasks] = useState<Task[] | null>(null);
  const [selected, setSelected] = useState(0);
  const [problem, setProblem] = useState('');
  const table = useRef<HTMLTableElement>(null);
  const code = department ?? departments?.[0]?.code ?? null;
  const current = departments?.find((entry) => entry.code === code) ?? null;

  const loadDepartments = () =>
    api<{ items: Department[] }>('GET', '/departments')
      .then((body) => setDepartments(body.items))
      .catch((error) => setProblem(messageOf(error)));
  const loadQueue = () => {
    if (!code) return;
    api<{ items: Task[] }>('GET', `/departments/${encodeURIComponent(code)}/queue`)
      .then((body) => {
        setTasks(body.items);
        setProblem('');
      })
      .catch((error) => setProblem(messageOf(error)));
  };

  useEffect(() => {
    void loadDepartments();
  }, []);
  useEffect(() => {
    setTasks(null);
    setSelected(0);
    loadQueue();
    const timer = window.setInterval(() => {
      loadQueue();
      void loadDepartments();
    }, 5000);
    return () => window.clearInterval(timer);
  }, [code]);
  useEffect(() => {
    table.current?.querySelector<HTMLElement>(`tr[data-index="${selected}"]`)?.focus();
  }, [selected, tasks]);

  useShortcuts((event) => {
    if (event.altKey && !event.ctrlKey && /^Digit[1-9]$/.test(event.code) && departments) {
      const chosen = departments[Number(event.code.slice(5)) - 1];
      if (chosen) navigate(`/queue/${chosen.code}`);
      return true;
    }
    if (event.altKey && event.code === 'KeyL' && code) {
      navigate(`/queue/${code}/pick-list`);
      return true;
    }
    if (event.altKey || event.ctrlKey || !tasks || tasks.length === 0) return false;
    const target = event.target as HTMLElement;
    if (target.tagName === 'INPUT' || target.tagName === 'SELECT') return false;
    if (event.key === 'ArrowDown') setSelected((index) => Math.min(index + 1, tasks.length - 1));
    else if (event.key === 'ArrowUp') setSelected((index) => Math.max(index - 1, 0));
    else if (event.key === 'Enter') navigate(`/tasks/${tasks[Math.min(selected, tasks.length - 1)].id}`);
    else return false;
    return true;
  });

  return (
    <section class="queue" aria-labelledby="queue-title">
      <nav class="departments" aria-label={t('departments')}>
        {(departments ?? []).map((entry, index) => (
          <a href={`/queue/${entry.code}`} class="department-tab" data-code={entry.code} aria-current={entry.code === code ? 'page' : undefined}
            onClick={(event) => { event.preventDefault(); navigate(`/queue/${entry.code}`); }}>
            {entry.name} <span class="count">{entry.stats.queued + entry.stats.in_progress}</span>
            {entry.stats.escalated > 0 && <span class="escalated-count" title={t('escalated')}>⚠ {entry.stats.escalated}</span>}
            {' '}<Kbd keys={`Alt+${index + 1}`} />
          </a>
        ))}
      </nav>
      <h2 id="queue-title">{t('queue')}: {current?.name ?? '…'}</h2>
      {current && (
        <p class="hint" id="department-facts">
          {t(`release_${current.release.kind}` as 'release_immediate', {
            waves: (current.release.waves ?? []).join(', '), cut_off: current.release.cut_off ?? '', release_at: current.release.release_at ?? '',
          })}
          {current.next_release && <> · {t('nextRelease')}: {formatInstant(current.next_release, locale)}</>}
          {' '}· {t('scheduledCount', { n: current.stats.scheduled })}
          {' '}· {t('meanTimeInQueue')}: <strong id="mean-queue">{formatDuration(current.stats.mean_time_in_queue_seconds, locale)}</strong>
          {' '}· {t('meanTimeToDispatch')}: <strong id="mean-dispatch">{formatDuration(current.stats.mean_time_to_dispatch_seconds, locale)}</strong>
        </p>
      )}
      <p class="actions">
        <button type="button" id="pick-list-wave" disabled={!code} onClick={() => code && navigate(`/queue/${code}/pick-list`)}>{t('pickList')} <Kbd keys="Alt+L" /></button>
        <span class="hint">{t('queueHint')}</span>
      </p>
      {problem && <p class="field-errors" role="alert">{problem}</p>}
      {tasks && tasks.length === 0 && <p id="queue-empty">{t('queueEmpty')}</p>}
      {tasks && tasks.length > 0 && (
        <table class="orders queue-table" id="queue" ref={table}>
          <thead><tr><th>{t('order')}</th><th>{t('customer')}</th><th>{t('age')}</th><th>{t('state')}</th><th>{t('claimedBy')}</th><th>{t('lines')}</th><th>{t('promisedDispatch')}</th></tr></thead>
          <tbody>
            {tasks.map((task, index) => (
              <tr tabIndex={0} data-index={index} data-task={task.id} class={`${index === selected ? 'active' : ''} ${task.escalated_at && !task.acknowledged_at ? 'escalated' : ''}`}
                onClick={() => navigate(`/tasks/${task.id}`)} onFocus={() => setSelected(index)}>
                <td>{task.order}</td>
                <td>{task.customer_name}</td>
                <td class="age">{formatDuration(task.age_seconds, locale)}{task.escalated_at && !task.acknowledged_at && <strong class="flag"> ⚠ {t('escalated')}</strong>}</td>
                <td><StateBadge state={task.state} t={t} /></td>
                <td>{task.claimed_by ?? ''}</td>
                <td>{task.lines.map((line) => `${line.quantity - line.shipped}× ${line.sku}`).join(', ')}</td>
                <td>{formatDay(task.promised_dispatch, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

// ---- Pick lists -------------------------------------------------------------------------

// The server's HTML pick list in a sandboxed frame (loaded from its URL, so the page keeps the
// server's own Content-Security-Policy), to read or print; the PDF beside it.
export function PickList({ t, navigate, path, back }: Props & { path: string; back: string }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const print = () => frame.current?.contentWindow?.print();
  // The frame grows with the list, so the page scrolls as one.
  const fit = () => {
    const body = frame.current?.contentDocument?.body;
    if (frame.current && body) frame.current.style.height = `${body.scrollHeight + 24}px`;
  };
  useShortcuts((event) => {
    if (!event.altKey || event.ctrlKey) return false;
    if (event.code === 'KeyS') print();
    else if (event.code === 'KeyD') window.open(`/api/v1${path}?format=pdf`, '_blank');
    else if (event.code === 'KeyB') navigate(back);
    else return false;
    return true;
  });
  return (
    <section class="pick-list-view" aria-label={t('pickList')}>
      <p class="receipt-tools">
        <button type="button" onClick={() => navigate(back)}>{t('back')} <Kbd keys="Alt+B" /></button>
        <button type="button" id="print-pick-list" onClick={print}>{t('print')} <Kbd keys="Alt+S" /></button>
        <a class="button" id="pick-list-pdf" href={`/api/v1${path}?format=pdf`} target="_blank" rel="noopener">PDF <Kbd keys="Alt+D" /></a>
      </p>
      <div class="receipt receipt-a4"><iframe ref={frame} id="pick-list-frame" title={t('pickList')} sandbox="allow-same-origin allow-modals" src={`/api/v1${path}?format=html`} onLoad={fit} /></div>
    </section>
  );
}

// ---- One task ---------------------------------------------------------------------------

export function TaskView({ id, locale, t, navigate, username }: Props & { id: number; username: string }) {
  const [task, setTask] = useState<Task | null>(null);
  const [ships, setShips] = useState(true);
  const [picked, setPicked] = useState<Record<number, string>>({});
  const [carrier, setCarrier] = useState('');
  const [tracking, setTracking] = useState('');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');
  const carrierInput = useRef<HTMLInputElement>(null);
  const path = `/tasks/${id}`;

  const show = (loaded: Task) => {
    setTask(loaded);
    setPicked(Object.fromEntries(loaded.lines.map((line) => [line.line_no, String(line.picked)])));
  };
  useEffect(() => {
    api<Task>('GET', path).then(show).catch((error) => setProblems(problemsOf(error)));
  }, [id]);
  useEffect(() => {
    if (!task) return;
    api<{ items: Department[] }>('GET', '/departments')
      .then((body) => setShips(body.items.find((entry) => entry.code === task.department)?.ships ?? true))
      .catch(() => undefined);
  }, [task?.department]);

  const mine = task?.claimed_by === username;
  // A claim is renewed while the task is open on this screen: half-way through its lease.
  useEffect(() => {
    if (!task || !mine || !task.lease_until || !OPEN_STATES.has(task.state)) return undefined;
    const remaining = new Date(task.lease_until).getTime() - Date.now();
    const timer = window.setTimeout(() => void act('POST', `${path}/claim`), Math.max(5000, remaining / 2));
    return () => window.clearTimeout(timer);
  }, [task?.lease_until, mine, task?.state]);

  const act = async (method: string, target: string, body?: unknown, key?: string, done?: string) => {
    setBusy(true);
    setProblems([]);
    try {
      show(await api<Task>(method, target, { body, idempotencyKey: key }));
      if (done) setNotice(done);
      return true;
    } catch (error) {
      setProblems(problemsOf(error));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const remainingOf = (line: TaskLine) => line.quantity - line.backordered - line.shipped;
  const pickAll = () => task && setPicked(Object.fromEntries(task.lines.map((line) => [line.line_no, String(Math.max(0, remainingOf(line)))])));
  const savePicks = () =>
    task && act('PUT', `${path}/picks`, {
      lines: task.lines.filter((line) => line.kind === 'good').map((line) => ({ line_no: line.line_no, quantity: Number(picked[line.line_no] ?? 0) })),
    }, undefined, t('picksSaved'));
  const ship = async () => {
    if (!task) return;
    if (await savePicks()) {
      if (await act('POST', `${path}/shipments`, { carrier, tracking_number: tracking }, newKey('console-ship'), t('shippedNotice'))) {
        setCarrier('');
        setTracking('');
      }
    }
  };

  useShortcuts((event) => {
    if (!task || !event.altKey || event.ctrlKey) return false;
    switch (event.code) {
      case 'KeyC': void act('POST', `${path}/claim`, undefined, undefined, t('claimedNotice')); return true;
      case 'KeyU': void act('DELETE', `${path}/claim`); return true;
      case 'KeyK': void act('POST', `${path}/acknowledgement`, undefined, undefined, t('acknowledgedNotice')); return true;
      case 'KeyL': navigate(`${path}/pick-list`); return true;
      case 'KeyA': pickAll(); return true;
      case 'KeyP': void savePicks(); return true;
      case 'KeyS': if (ships) carrierInput.current?.focus(); return true;
      case 'KeyD': if (!ships) void act('POST', `${path}/completion`, undefined, undefined, t('doneNotice')); return true;
      case 'KeyB': navigate(`/queue/${task.department}`); return true;
      default: return false;
    }
  });

  if (!task) return <p>{problems.length > 0 ? problems[0].problem : '…'}</p>;
  const open = OPEN_STATES.has(task.state);
  return (
    <article class="task" aria-labelledby="task-title">
      <h2 id="task-title">{t('task')} {task.id} · {task.order} · {task.department_name} <small>· <StateBadge state={task.state} t={t} /></small></h2>
      <p class="actions">
        <button type="button" onClick={() => navigate(`/queue/${task.department}`)}>{t('back')} <Kbd keys="Alt+B" /></button>
        {open && <button type="button" id="claim" disabled={busy} onClick={() => void act('POST', `${path}/claim`, undefined, undefined, t('claimedNotice'))}>{mine ? t('renewClaim') : t('claim')} <Kbd keys="Alt+C" /></button>}
        {open && mine && <button type="button" id="unclaim" disabled={busy} onClick={() => void act('DELETE', `${path}/claim`)}>{t('unclaim')} <Kbd keys="Alt+U" /></button>}
        {open && !task.acknowledged_at && <button type="button" id="acknowledge" disabled={busy} onClick={() => void act('POST', `${path}/acknowledgement`, undefined, undefined, t('acknowledgedNotice'))}>{t('acknowledge')} <Kbd keys="Alt+K" /></button>}
        <button type="button" id="task-pick-list" onClick={() => navigate(`${path}/pick-list`)}>{t('pickList')} <Kbd keys="Alt+L" /></button>
      </p>
      {notice && <p class="notice" id="task-notice" role="status">{notice}</p>}
      {problems.length > 0 && (
        <ul class="field-errors" id="task-problems" role="alert">{problems.map((problem) => <li>{problem.path && `${problem.path}: `}{problem.problem}</li>)}</ul>
      )}
      <dl class="fields">
        <dt>{t('customer')}</dt><dd>{task.customer_name}</dd>
        <dt>{t('shipping')}</dt><dd>{task.shipping_method || '—'}</dd>
        <dt>{t('promisedDispatch')}</dt><dd id="task-promised">{formatDay(task.promised_dispatch, locale)}</dd>
        <dt>{t('releasedAt')}</dt><dd>{task.released_at ? `${formatInstant(task.released_at, locale)} (${formatDuration(task.age_seconds, locale)})` : `${t('releaseAt')} ${formatInstant(task.release_at, locale)}`}</dd>
        <dt>{t('claimedBy')}</dt><dd id="task-claimed-by">{task.claimed_by ? `${task.claimed_by}${task.lease_until ? ` · ${t('leaseUntil')} ${formatInstant(task.lease_until, locale)}` : ''}` : '—'}</dd>
        <dt>{t('acknowledged')}</dt><dd id="task-acknowledged">{task.acknowledged_by ? `${task.acknowledged_by} · ${formatInstant(task.acknowledged_at!, locale)}` : '—'}</dd>
        {task.escalated_at && <><dt>{t('escalated')}</dt><dd class="flag">{formatInstant(task.escalated_at, locale)}</dd></>}
      </dl>
      <table class="lines-table" id="task-lines">
        <thead><tr><th>#</th><th>SKU</th><th>{t('name')}</th><th>{t('ordered')}</th><th>{t('backorderedQty')}</th><th>{t('shippedQty')}</th><th>{t('picked')}</th></tr></thead>
        <tbody>
          {task.lines.map((line) => (
            <tr>
              <td>{line.line_no}</td><td>{line.sku}</td><td>{line.name}{line.appointment && <div class="appointment">{t('appointment')}: {formatAppointment(line.appointment, locale)}</div>}</td><td>{line.quantity} {line.unit}</td><td>{line.backordered || ''}</td><td>{line.shipped || ''}</td>
              <td>{line.kind === 'good' && open
                ? <input class="quantity picked" data-line={line.line_no} inputMode="numeric" aria-label={`${t('picked')} ${line.sku}`} value={picked[line.line_no] ?? ''}
                    onInput={(event) => setPicked({ ...picked, [line.line_no]: event.currentTarget.value })} />
                : line.picked || ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {open && ships && (
        <div class="actions">
          <button type="button" id="pick-all" onClick={pickAll}>{t('pickAll')} <Kbd keys="Alt+A" /></button>
          <button type="button" id="save-picks" disabled={busy} onClick={() => void savePicks()}>{t('savePicks')} <Kbd keys="Alt+P" /></button>
        </div>
      )}
      {open && ships && (
        <form class="ship-form actions" onSubmit={(event) => { event.preventDefault(); void ship(); }}>
          <label>{t('carrier')}<input id="carrier" ref={carrierInput} value={carrier} onInput={(event) => setCarrier(event.currentTarget.value)} /></label>
          <label>{t('trackingNumber')}<input id="tracking" value={tracking} onInput={(event) => setTracking(event.currentTarget.value)} /></label>
          <button type="submit" class="primary" id="ship" disabled={busy}>{t('ship')} <Kbd keys="Alt+S" /></button>
          <span class="hint">{t('shipHint')}</span>
        </form>
      )}
      {open && !ships && <p><button type="button" class="primary" id="complete" disabled={busy} onClick={() => void act('POST', `${path}/completion`, undefined, undefined, t('doneNotice'))}>{t('markDone')} <Kbd keys="Alt+D" /></button></p>}
      {task.shipments.length > 0 && (
        <>
          <h3>{t('shipments')}</h3>
          <ul id="shipments">
            {task.shipments.map((shipment) => (
              <li>{formatInstant(shipment.shipped_at, locale)} · {shipment.carrier} <strong>{shipment.tracking_number}</strong> · {shipment.lines.map((line) => `#${line.line_no}×${line.quantity}`).join(', ')} · {shipment.shipped_by}</li>
            ))}
          </ul>
        </>
      )}
    </article>
  );
}

// ---- Supervisors: escalations -----------------------------------------------------------

export function Escalations({ locale, t, navigate }: Props) {
  const [tasks, setTasks] = useState<Task[] | null>(null);
  const [problem, setProblem] = useState('');
  useEffect(() => {
    const load = () =>
      api<{ items: Task[] }>('GET', '/escalations').then((body) => setTasks(body.items)).catch((error) => setProblem(messageOf(error)));
    void load();
    const timer = window.setInterval(load, 5000);
    return () => window.clearInterval(timer);
  }, []);
  return (
    <section class="order-list" aria-labelledby="escalations-title">
      <h2 id="escalations-title">{t('escalations')}</h2>
      {problem && <p class="field-errors" role="alert">{problem}</p>}
      {tasks && tasks.length === 0 && <p id="escalations-empty">{t('noEscalations')}</p>}
      {tasks && tasks.length > 0 && (
        <table class="orders" id="escalations">
          <thead><tr><th>{t('order')}</th><th>{t('department')}</th><th>{t('releasedAt')}</th><th>{t('escalated')}</th><th>{t('age')}</th><th>{t('claimedBy')}</th></tr></thead>
          <tbody>
            {tasks.map((task) => (
              <tr tabIndex={0} class="escalated" onClick={() => navigate(`/orders/${task.order}`)} onKeyDown={(event) => event.key === 'Enter' && navigate(`/orders/${task.order}`)}>
                <td>{task.order}</td><td>{task.department_name}</td><td>{task.released_at && formatInstant(task.released_at, locale)}</td>
                <td>{task.escalated_at && formatInstant(task.escalated_at, locale)}</td><td>{formatDuration(task.age_seconds, locale)}</td><td>{task.claimed_by ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

// ---- On the order detail ----------------------------------------------------------------

export function OrderFulfillmentView({ number, locale, t, canSupervise }: { number: string; locale: Locale; t: Translate; canSupervise: boolean }) {
  const path = `/orders/${encodeURIComponent(number)}`;
  const [state, setState] = useState<OrderFulfillment | null>(null);
  const [reason, setReason] = useState('');
  const [kind, setKind] = useState<'manual' | 'address'>('manual');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const load = () => api<OrderFulfillment>('GET', `${path}/fulfillment`).then(setState).catch((error) => setProblems(problemsOf(error)));
  useEffect(() => {
    void load();
    const timer = window.setInterval(load, 5000);
    return () => window.clearInterval(timer);
  }, [number]);
  const change = async (method: string, target: string, body?: unknown) => {
    setProblems([]);
    try {
      setState(await api<OrderFulfillment>(method, target, { body }));
      setReason('');
    } catch (error) {
      setProblems(problemsOf(error));
    }
  };
  if (!state) return null;
  const active = state.holds.filter((hold) => !hold.lifted_at);
  const released = state.tasks.some((task) => task.released_at);
  return (
    <section class="fulfillment" aria-labelledby="fulfillment-title">
      <h3 id="fulfillment-title">{t('fulfillment')}: <span id="order-status">{t(`status_${state.status}` as 'status_placed')}</span></h3>
      <p>{t('promisedDispatch')}: <strong id="promised-dispatch">{formatDay(state.promised_dispatch, locale)}</strong></p>
      {state.tasks.length > 0 && (
        <table class="lines-table" id="order-tasks">
          <thead><tr><th>{t('department')}</th><th>{t('state')}</th><th>{t('releasedAt')}</th><th>{t('acknowledged')}</th><th>{t('shipments')}</th></tr></thead>
          <tbody>
            {state.tasks.map((task) => (
              <tr data-task={task.id}>
                <td>{task.department_name}</td>
                <td><StateBadge state={task.state} t={t} /></td>
                <td>{task.released_at ? formatInstant(task.released_at, locale) : `${t('releaseAt')} ${formatInstant(task.release_at, locale)}`}</td>
                <td>{task.acknowledged_by ? `${task.acknowledged_by} · ${formatInstant(task.acknowledged_at!, locale)}` : ''}</td>
                <td>{task.shipments.map((shipment) => `${shipment.carrier} ${shipment.tracking_number}`).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {state.holds.length > 0 && (
        <ul id="holds">
          {state.holds.map((hold) => (
            <li class={hold.lifted_at ? 'lifted' : 'active'}>
              <strong>{t(`hold_${hold.kind}` as 'hold_manual')}</strong>{hold.reason && ` · ${hold.reason}`} · {hold.placed_by} {formatInstant(hold.placed_at, locale)}
              {hold.lifted_at ? ` · ${t('lifted')} ${hold.lifted_by} ${formatInstant(hold.lifted_at, locale)}` : canSupervise && (
                <> <button type="button" class="lift-hold" data-kind={hold.kind} onClick={() => void change('DELETE', `${path}/holds/${hold.kind}`)}>{t('liftHold')}</button></>
              )}
            </li>
          ))}
        </ul>
      )}
      {canSupervise && !released && state.status !== 'cancelled' && (
        <form class="actions supervise" onSubmit={(event) => event.preventDefault()}>
          <label>{t('reason')}<input id="supervise-reason" value={reason} onInput={(event) => setReason(event.currentTarget.value)} /></label>
          <select id="hold-kind" aria-label={t('holdKind')} value={kind} onChange={(event) => setKind(event.currentTarget.value as 'manual')}>
            <option value="manual">{t('hold_manual')}</option>
            <option value="address">{t('hold_address')}</option>
          </select>
          <button type="button" id="place-hold" disabled={active.some((hold) => hold.kind === kind)} onClick={() => void change('POST', `${path}/holds`, { kind, reason })}>{t('placeHold')}</button>
          <button type="button" id="cancel-order" onClick={() => void change('POST', `${path}/cancellation`, { reason })}>{t('cancelOrder')}</button>
        </form>
      )}
      {problems.length > 0 && <ul class="field-errors" role="alert">{problems.map((problem) => <li>{problem.path && `${problem.path}: `}{problem.problem}</li>)}</ul>}
    </section>
  );
}
