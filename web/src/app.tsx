// The console's shell: sign-in (the session cookie and its CSRF token), the header with the
// user's language, the connection banner, and a small router over the History API.
import { useEffect, useState } from 'preact/hooks';
import { ComplaintCase, ComplaintQueue, OpenComplaint, OverdueComplaints } from './complaints';
import { api, ApiError, onConnection, onUnauthorized, setCsrfToken, type ConnectionState } from './api';
import { Entry } from './entry';
import { Escalations, PickList, Queue, TaskView } from './fulfillment';
import { translator, type Locale } from './i18n';
import { OrderDetail, OrderList, Receipt } from './orders';
import { COMPLAINT_SHORTCUTS, FULFILLMENT_SHORTCUTS, Kbd, SHORTCUTS, useShortcuts } from './shortcuts';
import type { SessionBody } from './types';

function usePath(): [string, (path: string) => void] {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const onPop = () => setPath(location.pathname);
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const navigate = (next: string) => {
    if (next !== location.pathname) history.pushState(null, '', next);
    setPath(next);
  };
  return [path, navigate];
}

function localeOf(session: SessionBody | null): Locale {
  return session?.user.locale === 'en' ? 'en' : 'it';
}

export function App() {
  const [session, setSession] = useState<SessionBody | null>(null);
  const [checked, setChecked] = useState(false);
  const [expired, setExpired] = useState(false);
  const [connection, setConnection] = useState<ConnectionState>({ online: true, retryInSeconds: 0 });
  const [path, navigate] = usePath();
  const locale = localeOf(session);
  const t = translator(session ? locale : (navigator.language.startsWith('it') ? 'it' : 'en'));

  useEffect(() => {
    onUnauthorized(() => {
      setSession(null);
      setExpired(true);
    });
    const stop = onConnection(setConnection);
    api<SessionBody>('GET', '/session')
      .then((body) => {
        setCsrfToken(body.csrf_token);
        setSession(body);
      })
      .catch(() => setSession(null))
      .finally(() => setChecked(true));
    return stop;
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t('appTitle');
  }, [locale]);

  const switchLanguage = async () => {
    if (!session) return;
    const body = await api<SessionBody>('PUT', '/session/locale', { body: { locale: locale === 'it' ? 'en' : 'it' } });
    setSession(body);
  };

  const signOut = async () => {
    await api('DELETE', '/session');
    setSession(null);
  };

  const can = (permission: string) => session?.permissions.includes(permission) ?? false;
  // Order entry saves drafts as it goes: a role without drafts (customer service) has none.
  const canEnter = can('orders:write') && can('drafts:write');
  const canQueue = can('fulfillment:read');
  const canSupervise = can('fulfillment:supervise');
  const canReadPrivate = can('orders:read_private');
  const canComplaints = can('complaints:read');
  const canComplain = can('complaints:write');

  useShortcuts((event) => {
    if (!session || !event.altKey || event.ctrlKey) return false;
    if (event.code === 'KeyO') navigate('/orders');
    else if (event.code === 'KeyQ' && canQueue) navigate('/queue');
    else if (event.code === 'KeyJ' && canSupervise) navigate('/escalations');
    else if (event.code === 'KeyZ' && canComplaints) navigate('/complaints');
    else if (event.code === 'KeyY') void switchLanguage();
    else if (event.code === 'KeyH' && path !== '/') navigate('/');
    else return false;
    return true;
  });

  const banner = !connection.online && (
    <div class="connection" id="connection" role="alert">{t('offline', { s: connection.retryInSeconds })}</div>
  );

  if (!checked) return <div class="loading">…</div>;
  if (!session) {
    return (
      <>
        {banner}
        <SignIn t={t} expired={expired} onSignedIn={(body) => { setCsrfToken(body.csrf_token); setExpired(false); setSession(body); }} />
      </>
    );
  }

  const receipt = /^\/orders\/([^/]+)\/receipt$/.exec(path);
  const detail = /^\/orders\/([^/]+)$/.exec(path);
  const queue = /^\/queue(?:\/([^/]+))?$/.exec(path);
  const wave = /^\/queue\/([^/]+)\/pick-list$/.exec(path);
  const task = /^\/tasks\/(\d+)$/.exec(path);
  const taskPicks = /^\/tasks\/(\d+)\/pick-list$/.exec(path);
  const orderComplaint = /^\/orders\/([^/]+)\/complaint$/.exec(path);
  const complaint = /^\/complaints\/([^/]+)$/.exec(path);
  // Customer service starts on its complaints queue.
  const careHome = path === '/' && !canEnter && !canQueue && canComplaints;
  const caring = Boolean(orderComplaint || complaint || path === '/complaints' || careHome);
  const props = { locale, t, navigate };
  const working = Boolean(queue || wave || task || taskPicks || path === '/escalations' || (path === '/' && !canEnter && canQueue));
  let screen;
  if (receipt) screen = <Receipt number={decodeURIComponent(receipt[1])} {...props} />;
  else if (detail) screen = <OrderDetail number={decodeURIComponent(detail[1])} canSupervise={canSupervise} canReadPrivate={canReadPrivate} canComplaints={canComplaints} canComplain={canComplain} {...props} />;
  else if (orderComplaint && canComplain) screen = <OpenComplaint orderNumber={decodeURIComponent(orderComplaint[1])} {...props} />;
  else if (path === '/complaints/new' && canComplain) screen = <OpenComplaint orderNumber={null} {...props} />;
  else if (complaint && canComplaints) screen = <ComplaintCase number={decodeURIComponent(complaint[1])} username={session.user.username} can={can} {...props} />;
  else if ((path === '/complaints' || careHome) && canComplaints) screen = <ComplaintQueue username={session.user.username} canWrite={canComplain} {...props} />;
  else if (path === '/orders') screen = <OrderList {...props} />;
  else if (wave) screen = <PickList path={`/departments/${wave[1]}/pick-list`} back={`/queue/${wave[1]}`} {...props} />;
  else if (taskPicks) screen = <PickList path={`/tasks/${taskPicks[1]}/pick-list`} back={`/tasks/${taskPicks[1]}`} {...props} />;
  else if (task) screen = <TaskView id={Number(task[1])} username={session.user.username} {...props} />;
  else if (queue) screen = <Queue department={queue[1] ? decodeURIComponent(queue[1]) : null} {...props} />;
  else if (path === '/escalations') screen = <><Escalations {...props} />{canComplaints && <OverdueComplaints {...props} />}</>;
  else if (!canEnter && canQueue) screen = <Queue department={null} {...props} />;
  else if (!canEnter) screen = <OrderList {...props} />;
  else screen = <Entry session={session} locale={locale} t={t} navigate={navigate} />;
  const shortcuts = caring ? COMPLAINT_SHORTCUTS : working ? FULFILLMENT_SHORTCUTS : SHORTCUTS;

  return (
    <div class={`shell ${receipt ? 'printing' : ''}`}>
      {banner}
      <header class="top">
        <h1>Commesso</h1>
        <nav aria-label="console">
          {canEnter && <a href="/" aria-current={path === '/' ? 'page' : undefined} onClick={(event) => { event.preventDefault(); navigate('/'); }}>{t('newEntry')} <Kbd keys="Alt+H" /></a>}
          {canQueue && <a href="/queue" id="nav-queue" aria-current={working && path !== '/escalations' ? 'page' : undefined} onClick={(event) => { event.preventDefault(); navigate('/queue'); }}>{t('queue')} <Kbd keys="Alt+Q" /></a>}
          {canSupervise && <a href="/escalations" id="nav-escalations" aria-current={path === '/escalations' ? 'page' : undefined} onClick={(event) => { event.preventDefault(); navigate('/escalations'); }}>{t('escalations')} <Kbd keys="Alt+J" /></a>}
          {canComplaints && <a href="/complaints" id="nav-complaints" aria-current={caring ? 'page' : undefined} onClick={(event) => { event.preventDefault(); navigate('/complaints'); }}>{t('complaints')} <Kbd keys="Alt+Z" /></a>}
          <a href="/orders" id="nav-orders" aria-current={path.startsWith('/orders') && !caring ? 'page' : undefined} onClick={(event) => { event.preventDefault(); navigate('/orders'); }}>{t('orders')} <Kbd keys="Alt+O" /></a>
        </nav>
        <span class="user" id="user">{session.user.display_name} ({session.user.role})</span>
        <button type="button" id="language" onClick={() => void switchLanguage()}>{t('language')} <Kbd keys="Alt+Y" /></button>
        <button type="button" id="sign-out" onClick={() => void signOut()}>{t('signOut')}</button>
      </header>
      <main>{screen}</main>
      <footer class="shortcuts" aria-label={t('shortcuts')}>
        {shortcuts.map((shortcut) => (
          <span><kbd>{shortcut.keys}</kbd> {shortcut[locale]}</span>
        ))}
      </footer>
    </div>
  );
}

function SignIn({ t, expired, onSignedIn }: { t: ReturnType<typeof translator>; expired: boolean; onSignedIn: (body: SessionBody) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setProblem('');
    try {
      onSignedIn(await api<SessionBody>('POST', '/session', { body: { username, password }, retry: false }));
    } catch (error) {
      setProblem(error instanceof ApiError ? error.problem.errors?.[0]?.problem ?? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="sign-in" onSubmit={submit} aria-label={t('signIn')}>
      <h1>Commesso</h1>
      {expired && <p role="alert">{t('sessionEnded')}</p>}
      <label>{t('username')}<input id="username" autocomplete="username" autofocus value={username} onInput={(event) => setUsername(event.currentTarget.value)} /></label>
      <label>{t('password')}<input id="password" type="password" autocomplete="current-password" value={password} onInput={(event) => setPassword(event.currentTarget.value)} /></label>
      {problem && <p class="field-errors" id="sign-in-error" role="alert">{problem}</p>}
      <button type="submit" id="sign-in" disabled={busy}>{t('signIn')}</button>
    </form>
  );
}
