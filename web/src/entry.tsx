// Order entry on one screen, in the order a call goes: channel and caller, addresses, lines,
// shipping and payment, live totals from the server's quote, place. What is typed lives in a
// server-side draft (saved a moment after each change, and mirrored in localStorage until
// the server has it), so a reload or a server restart loses nothing; the draft's
// placement_key, made when the entry starts, is the Idempotency-Key of the order, so a double
// submit or a retry after a network error places one order.

import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, ApiError, newKey, problemsOf, type FieldProblem, type Money } from './api';
import { countries, countryForm } from './countries';
import { formatDay, formatInstant, formatMoney, formatNumber, formatTime, parseAmount, type Locale, type Translate } from './i18n';
import type {
  Address, CardAuthorization, Channel, Confirmation, Customer, Draft, EntryContent, EntryLine, Item, Order, Page,
  PaymentType, Priced, SessionBody, ShippingMethod,
} from './types';
import { Kbd, useShortcuts } from './shortcuts';

enum Focus {
  kMove, // To the quantity, with 1 selected.
  kStay, // Where the clerk already is (type-ahead).
}

const PAYMENT_TYPES: PaymentType[] = ['on_account', 'cash', 'card', 'cheque', 'bank_transfer', 'cash_on_delivery'];
const DEFAULT_PAYMENT: Record<Channel, PaymentType> = { phone: 'on_account', counter: 'cash', mail: 'cheque' };

function emptyContent(channel: Channel, payment?: PaymentType): EntryContent {
  return {
    customer: null,
    billing_index: -1,
    shipping: { kind: 'billing' },
    lines: [],
    shipping_method: channel === 'counter' ? 'pickup' : 'standard',
    payment: { type: payment ?? DEFAULT_PAYMENT[channel], tendered: '', reference: '', card: null },
    notes: '',
  };
}

function emptyAddress(country = 'IT'): Address {
  return { name: '', company: '', line1: '', line2: '', postal_code: '', city: '', region: '', country };
}

function normalize(content: Partial<EntryContent> | undefined, channel: Channel): EntryContent {
  return { ...emptyContent(channel), ...(content ?? {}) } as EntryContent;
}

// A service line's appointment as the API takes it, once any of its fields is filled in: a
// time without a day is sent as it is, so the server names the missing day.
function appointmentBody(line: EntryLine): Record<string, string> | undefined {
  const typed = line.appointment;
  if (line.kind !== 'service' || !typed) return undefined;
  const date = typed.date.trim();
  const from = typed.from.trim();
  const until = typed.until.trim();
  if (!date && !from && !until) return undefined;
  const body: Record<string, string> = { date };
  if (from) body.from = from;
  if (until) body.until = until;
  return body;
}

// Today in the browser's zone, "2026-11-29": the earliest day the date field offers.
function today(): string {
  const now = new Date();
  const two = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
}

// The order (and quote) body the API takes, from what is on screen.
function orderBody(content: EntryContent, channel: Channel): Record<string, unknown> {
  const customer = content.customer;
  const saved = customer?.addresses ?? [];
  const billing = content.billing_index >= 0 ? saved[content.billing_index]?.address : undefined;
  const body: Record<string, unknown> = {
    channel,
    customer_id: customer?.id ?? 0,
    lines: content.lines.map((line) => {
      const sent: Record<string, unknown> = {
        sku: line.sku,
        quantity: /^\d+$/.test(line.quantity.trim()) ? Number(line.quantity.trim()) : line.quantity,
      };
      const appointment = appointmentBody(line);
      if (appointment) sent.appointment = appointment;
      return sent;
    }),
    shipping_method: content.shipping_method,
  };
  if (billing) body.billing_address = billing;
  if (content.shipping_method !== 'pickup') {
    if (content.shipping.kind === 'billing' && billing) body.shipping_address = billing;
    if (content.shipping.kind === 'saved') body.shipping_address = saved[content.shipping.index]?.address;
    if (content.shipping.kind === 'new') body.shipping_address = content.shipping.address;
  }
  const payment: Record<string, unknown> = { type: content.payment.type };
  if (content.payment.type === 'cash' && content.payment.tendered.trim()) {
    const minor = parseAmount(content.payment.tendered);
    payment.tendered = { minor: minor ?? -1 };
  }
  if (content.payment.type === 'card') payment.card = content.payment.card ?? { brand: '', last4: '', token: '' };
  if (content.payment.reference.trim() && content.payment.type !== 'cash' && content.payment.type !== 'card') {
    payment.reference = content.payment.reference.trim();
  }
  body.payment = payment;
  if (content.notes.trim()) body.notes = content.notes.trim();
  return body;
}

function storageKey(username: string): string {
  return `commesso.entry.${username}`;
}

interface LocalEntry {
  draft_id: number;
  channel: Channel;
  content: EntryContent;
  dirty: boolean;
}

function customerQuery(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed.length < 2) return null;
  const encoded = encodeURIComponent(trimmed);
  if (trimmed.includes('@')) return `email=${encoded}`;
  const digits = trimmed.replace(/\D/g, '');
  if (/^[+\d\s()./-]+$/.test(trimmed) && digits.length >= 6) return `phone=${encoded}`;
  return `q=${encoded}`;
}

function FieldErrors({ problems, id }: { problems: FieldProblem[]; id?: string }) {
  if (problems.length === 0) return null;
  return (
    <ul class="field-errors" id={id} role="alert">
      {problems.map((problem) => (
        <li>{problem.problem}</li>
      ))}
    </ul>
  );
}

interface Props {
  session: SessionBody;
  locale: Locale;
  t: Translate;
  navigate: (path: string) => void;
}

export function Entry({ session, locale, t, navigate }: Props) {
  const username = session.user.username;
  const [channel, setChannel] = useState<Channel>('phone');
  const [content, setContent] = useState<EntryContent>(emptyContent('phone'));
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saveState, setSaveState] = useState<'saved' | 'saving' | 'unsaved'>('saving');
  const [quote, setQuote] = useState<Priced | null>(null);
  const [quoteProblems, setQuoteProblems] = useState<FieldProblem[]>([]);
  const [placeProblems, setPlaceProblems] = useState<FieldProblem[]>([]);
  const [placing, setPlacing] = useState(false);
  const [placed, setPlaced] = useState<Order | null>(null);
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  const [batch, setBatch] = useState<Order[]>([]);
  const [explain, setExplain] = useState(false);
  const [lastOrder, setLastOrder] = useState<Order | null>(null);
  const [parkedList, setParkedList] = useState<Draft[] | null>(null);
  const [addressPicker, setAddressPicker] = useState(false);

  const [callerText, setCallerText] = useState('');
  const [callerResults, setCallerResults] = useState<{ query: string; entries: Customer[] }>({ query: '', entries: [] });
  const [callerHighlight, setCallerHighlight] = useState(0);
  const [newCustomer, setNewCustomer] = useState<null | { key: string; name: string; company: string; phone: string; email: string; address: Address }>(null);
  const [newCustomerProblems, setNewCustomerProblems] = useState<FieldProblem[]>([]);

  const [skuText, setSkuText] = useState('');
  const [skuResults, setSkuResults] = useState<{ query: string; entries: Item[] }>({ query: '', entries: [] });
  const [skuHighlight, setSkuHighlight] = useState(0);
  const [chosenItem, setChosenItem] = useState<Item | null>(null);
  const [quantityText, setQuantityText] = useState('1');
  const [cardProblems, setCardProblems] = useState<FieldProblem[]>([]);
  const [methodCharges, setMethodCharges] = useState<Record<string, Money | null>>({});
  // The configured shipping methods (from the server), then pick-up at the counter.
  const [methods, setMethods] = useState<ShippingMethod[]>([]);
  const methodCodes = [...methods.map((method) => method.code), 'pickup'];

  const contentRef = useRef(content);
  const channelRef = useRef(channel);
  const draftRef = useRef<Draft | null>(null);
  const dirtyRef = useRef(false);
  const savingRef = useRef(false);
  const placingRef = useRef(false);
  const closedRef = useRef(false); // The draft became an order: no more saves to it.
  const pickCallerOnArrival = useRef(false);
  const pickSkuOnArrival = useRef(false);
  // Type-ahead: Enter before the suggestions arrived moves on at once, and the pick (and the
  // line, when its quantity was already entered) happens when they arrive.
  const addOnArrival = useRef(false);
  const chosenRef = useRef<Item | null>(null);
  const quantityRef = useRef('1');
  // What the fields hold now: an answer to an older text is dropped when it arrives.
  const callerTextRef = useRef('');
  const skuTextRef = useRef('');
  callerTextRef.current = callerText;
  skuTextRef.current = skuText;
  const saveTimer = useRef<number | undefined>(undefined);
  // Park, the parked list, resume and the next order replace the entry on screen: each runs
  // after the one before has finished, so a clerk who presses Alt+K then Alt+G at once gets the
  // parked list with its focus (not the caller field a late park() focused), and a resume never
  // takes the entry being parked for the one on screen.
  const transitions = useRef<Promise<void>>(Promise.resolve());
  const inTurn = (step: () => Promise<void>) => {
    const next = transitions.current.then(step, step);
    transitions.current = next.catch(() => undefined);
    return next;
  };
  const quoteSeq = useRef(0);

  const callerInput = useRef<HTMLInputElement>(null);
  const skuInput = useRef<HTMLInputElement>(null);
  const quantityInput = useRef<HTMLInputElement>(null);
  const methodSelect = useRef<HTMLSelectElement>(null);
  const paymentSelect = useRef<HTMLSelectElement>(null);
  const tenderedInput = useRef<HTMLInputElement>(null);
  const newNameInput = useRef<HTMLInputElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);

  const mirror = (dirty: boolean) => {
    if (!draftRef.current) return;
    const local: LocalEntry = { draft_id: draftRef.current.id, channel: channelRef.current, content: contentRef.current, dirty };
    localStorage.setItem(storageKey(username), JSON.stringify(local));
  };

  // Saves until the server has the latest content; one PUT at a time.
  const save = async () => {
    if (savingRef.current || !draftRef.current || closedRef.current) return;
    savingRef.current = true;
    try {
      while (dirtyRef.current && draftRef.current && !closedRef.current) {
        dirtyRef.current = false;
        setSaveState('saving');
        const current: Draft = draftRef.current;
        try {
          const saved: Draft = await api<Draft>('PUT', `/drafts/${current.id}`, {
            body: { revision: current.revision, content: contentRef.current, channel: channelRef.current, parked: false },
          });
          if (draftRef.current?.id === saved.id) {
            draftRef.current = saved;
            setDraft(saved);
          }
        } catch (error) {
          if (closedRef.current) break;
          if (error instanceof ApiError && error.problem.status === 409) {
            // Saved meanwhile elsewhere (another tab): ours is the newer text, so keep it.
            const fresh = await api<Draft>('GET', `/drafts/${current.id}`);
            draftRef.current = fresh;
            setDraft(fresh);
            dirtyRef.current = true;
          } else if (error instanceof ApiError && error.problem.status === 404) {
            break; // Placed or deleted elsewhere.
          } else {
            dirtyRef.current = true;
            throw error;
          }
        }
      }
      if (!dirtyRef.current) {
        setSaveState('saved');
        mirror(false);
      }
    } catch {
      setSaveState('unsaved');
    } finally {
      savingRef.current = false;
    }
  };

  const change = (next: EntryContent | ((current: EntryContent) => EntryContent)) => {
    const value = typeof next === 'function' ? next(contentRef.current) : next;
    contentRef.current = value;
    setContent(value);
    setPlaceProblems([]);
    dirtyRef.current = true;
    setSaveState('unsaved');
    mirror(true);
    window.clearTimeout(saveTimer.current);
    saveTimer.current = window.setTimeout(() => void save(), 300);
  };

  const startDraft = async (nextChannel: Channel, initial: EntryContent) => {
    closedRef.current = false;
    channelRef.current = nextChannel;
    setChannel(nextChannel);
    contentRef.current = initial;
    setContent(initial);
    setQuote(null);
    setQuoteProblems([]);
    setPlaceProblems([]);
    setLastOrder(null);
    setCallerText('');
    setSkuText('');
    setChosenItem(null);
    const created = await api<Draft>('POST', '/drafts', {
      body: { channel: nextChannel, content: initial },
      idempotencyKey: newKey('console-draft'),
    });
    draftRef.current = created;
    setDraft(created);
    if (contentRef.current !== initial) {
      // The clerk went on typing while the draft was being created.
      dirtyRef.current = true;
      void save();
    } else {
      dirtyRef.current = false;
      setSaveState('saved');
      mirror(false);
    }
  };

  const resumeDraft = (loaded: Draft, local?: LocalEntry) => {
    const loadedChannel = (['phone', 'counter', 'mail'].includes(loaded.channel) ? loaded.channel : 'phone') as Channel;
    const useLocal = local && local.draft_id === loaded.id && local.dirty;
    const nextChannel = useLocal ? local.channel : loadedChannel;
    const nextContent = useLocal ? normalize(local.content, nextChannel) : normalize(loaded.content, nextChannel);
    draftRef.current = loaded;
    setDraft(loaded);
    channelRef.current = nextChannel;
    setChannel(nextChannel);
    contentRef.current = nextContent;
    setContent(nextContent);
    closedRef.current = false;
    if (nextContent.customer) void loadLastOrder(nextContent.customer.id);
    if (useLocal) {
      dirtyRef.current = true;
      void save();
    } else {
      mirror(false);
    }
  };

  useEffect(() => {
    void api<{ entries: ShippingMethod[] }>('GET', '/shipping-methods').then((list) => setMethods(list.entries));
  }, []);

  // At start: the entry of the last visit (this browser), else a new one.
  useEffect(() => {
    callerInput.current?.focus();
    const run = async () => {
      const stored = localStorage.getItem(storageKey(username));
      const local = stored ? (JSON.parse(stored) as LocalEntry) : undefined;
      if (local) {
        try {
          const loaded = await api<Draft>('GET', `/drafts/${local.draft_id}`);
          resumeDraft(loaded, local);
          callerInput.current?.focus();
          return;
        } catch (error) {
          if (!(error instanceof ApiError) || error.problem.status !== 404) throw error;
        }
      }
      await startDraft('phone', emptyContent('phone'));
      callerInput.current?.focus();
    };
    void run();
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (dirtyRef.current) event.preventDefault();
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => window.removeEventListener('beforeunload', beforeUnload);
  }, [username]);

  // The live quote: the server prices; the console only shows.
  useEffect(() => {
    if (!content.customer || content.lines.length === 0) {
      setQuote(null);
      setQuoteProblems([]);
      return;
    }
    const sequence = ++quoteSeq.current;
    const timer = window.setTimeout(async () => {
      try {
        const priced = await api<Priced>('POST', '/quotes', { body: orderBody(content, channel) });
        if (sequence !== quoteSeq.current) return;
        setQuote(priced);
        setQuoteProblems([]);
      } catch (error) {
        if (sequence !== quoteSeq.current) return;
        setQuote(null);
        setQuoteProblems(problemsOf(error));
      }
    }, 150);
    return () => window.clearTimeout(timer);
  }, [content, channel]);

  // The charge of every shipping method for this order, each priced by the server, so the
  // clerk can tell the caller what each would cost. A method that cannot take the order
  // (another zone, too heavy) shows none.
  const chargeKey = JSON.stringify([content.customer?.id, content.lines, content.billing_index, content.shipping, channel]);
  useEffect(() => {
    if (!content.customer || content.lines.length === 0) {
      setMethodCharges({});
      return;
    }
    const timer = window.setTimeout(async () => {
      const charges: Record<string, Money | null> = {};
      await Promise.all(
        methodCodes.map(async (method) => {
          const body = orderBody({ ...content, shipping_method: method, payment: { ...content.payment, type: 'on_account' } }, channel);
          try {
            charges[method] = (await api<Priced>('POST', '/quotes', { body })).shipping.amount;
          } catch {
            charges[method] = null;
          }
        }),
      );
      setMethodCharges(charges);
    }, 250);
    return () => window.clearTimeout(timer);
  }, [chargeKey, methods]);

  // Caller lookup as the clerk types.
  useEffect(() => {
    const query = customerQuery(callerText);
    if (!query || content.customer) {
      setCallerResults({ query: callerText, entries: [] });
      return;
    }
    const timer = window.setTimeout(async () => {
      let entries: Customer[] = [];
      try {
        entries = (await api<Page<Customer>>('GET', `/customers?${query}&limit=8`)).entries;
      } catch (error) {
        if (!(error instanceof ApiError) || error.problem.status !== 422) throw error;
      }
      if (callerTextRef.current !== callerText) return;
      setCallerResults({ query: callerText, entries });
      setCallerHighlight(0);
      if (pickCallerOnArrival.current) {
        pickCallerOnArrival.current = false;
        if (entries.length > 0) pickCustomer(entries[0]);
        else callerInput.current?.focus();
      }
    }, 120);
    return () => window.clearTimeout(timer);
  }, [callerText, content.customer]);

  // Item suggestions as the clerk types.
  useEffect(() => {
    const text = skuText.trim();
    if (text.length < 1 || chosenRef.current?.sku === skuText) {
      setSkuResults({ query: skuText, entries: [] });
      return;
    }
    const timer = window.setTimeout(async () => {
      const page = await api<Page<Item>>('GET', `/items?q=${encodeURIComponent(text)}&limit=8`);
      if (skuTextRef.current !== skuText) return;
      const exact = page.entries.findIndex((item) => item.sku.toLowerCase() === text.toLowerCase());
      const entries = exact > 0 ? [page.entries[exact], ...page.entries.filter((_, i) => i !== exact)] : page.entries;
      setSkuResults({ query: skuText, entries });
      setSkuHighlight(0);
      if (pickSkuOnArrival.current) {
        pickSkuOnArrival.current = false;
        if (entries.length > 0) {
          chooseItem(entries[0], Focus.kStay);
          if (addOnArrival.current) addLine();
        } else {
          skuInput.current?.focus();
        }
        addOnArrival.current = false;
      }
    }, 100);
    return () => window.clearTimeout(timer);
  }, [skuText]);

  const loadLastOrder = async (customerId: number) => {
    const page = await api<Page<Order>>('GET', `/orders?customer_id=${customerId}&limit=1`);
    setLastOrder(page.entries[0] ?? null);
  };

  const pickCustomer = (customer: Customer) => {
    const billing = Math.max(0, customer.addresses.findIndex((saved) => saved.default_billing));
    const shippingIndex = customer.addresses.findIndex((saved) => saved.default_shipping);
    const shipping: EntryContent['shipping'] =
      shippingIndex < 0 || shippingIndex === billing ? { kind: 'billing' } : { kind: 'saved', index: shippingIndex };
    change((current) => ({ ...current, customer, billing_index: customer.addresses.length > 0 ? billing : -1, shipping }));
    setCallerText('');
    setCallerResults({ query: '', entries: [] });
    setNewCustomer(null);
    void loadLastOrder(customer.id);
    // Unless the clerk typed ahead and is already further down the form.
    const at = document.activeElement;
    if (!at || at === document.body || at === callerInput.current || at.closest('#new-customer-form')) {
      skuInput.current?.focus();
    }
  };

  const clearCustomer = () => {
    change((current) => ({ ...current, customer: null, billing_index: -1, shipping: { kind: 'billing' } }));
    setLastOrder(null);
    window.setTimeout(() => callerInput.current?.focus(), 0);
  };

  const onCallerKey = (event: KeyboardEvent) => {
    const entries = callerResults.entries;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setCallerHighlight((index) => Math.min(entries.length - 1, index + 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setCallerHighlight((index) => Math.max(0, index - 1));
    } else if (event.key === 'Enter' && !event.ctrlKey) {
      event.preventDefault();
      // The field's own value: the state may not have caught up with a fast typist yet.
      const typed = (event.currentTarget as HTMLInputElement).value;
      if (callerResults.query === typed && entries.length > 0) {
        pickCustomer(entries[Math.min(callerHighlight, entries.length - 1)]);
      } else if (customerQuery(typed)) {
        pickCallerOnArrival.current = true;
        skuInput.current?.focus();
      }
    }
  };

  const openNewCustomer = () => {
    const typed = callerText.trim();
    const isPhone = /^[+\d\s()./-]+$/.test(typed) && typed.length > 0;
    const isEmail = typed.includes('@');
    setNewCustomer({
      key: newKey('console-customer'),
      name: !isPhone && !isEmail ? typed : '',
      company: '',
      phone: isPhone ? typed : '',
      email: isEmail ? typed : '',
      address: emptyAddress(),
    });
    setNewCustomerProblems([]);
    window.setTimeout(() => newNameInput.current?.focus(), 0);
  };

  const saveNewCustomer = async (event: Event) => {
    event.preventDefault();
    if (!newCustomer) return;
    const address = { ...newCustomer.address, name: newCustomer.address.name || newCustomer.name, company: newCustomer.company };
    const hasAddress = address.line1.trim() !== '' || address.city.trim() !== '';
    try {
      const created = await api<Customer>('POST', '/customers', {
        idempotencyKey: newCustomer.key,
        body: {
          name: newCustomer.name,
          company: newCustomer.company,
          phone: newCustomer.phone,
          email: newCustomer.email,
          locale,
          addresses: hasAddress ? [{ label: t('billTo'), default_billing: true, default_shipping: true, address }] : [],
        },
      });
      pickCustomer(created);
    } catch (error) {
      setNewCustomerProblems(problemsOf(error));
      // The same key would replay the refusal for a corrected body: a new one for the retry.
      setNewCustomer((current) => (current ? { ...current, key: newKey('console-customer') } : current));
    }
  };

  // At once, in the key's own handler: a key typed next must already land in the quantity.
  const focusQuantity = () => {
    quantityInput.current?.focus();
    quantityInput.current?.select();
  };

  const setQuantity = (text: string) => {
    quantityRef.current = text;
    setQuantityText(text);
  };

  const chooseItem = (item: Item, focus: Focus = Focus.kMove) => {
    chosenRef.current = item;
    setChosenItem(item);
    setSkuText(item.sku);
    setSkuResults({ query: '', entries: [] });
    if (focus === Focus.kMove) {
      setQuantity('1');
      focusQuantity();
    }
  };

  const onSkuKey = (event: KeyboardEvent) => {
    const entries = skuResults.entries;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setSkuHighlight((index) => Math.min(entries.length - 1, index + 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setSkuHighlight((index) => Math.max(0, index - 1));
    } else if (event.key === 'Enter' && !event.ctrlKey) {
      event.preventDefault();
      const typed = (event.currentTarget as HTMLInputElement).value;
      if (skuResults.query === typed && entries.length > 0) {
        chooseItem(entries[Math.min(skuHighlight, entries.length - 1)]);
      } else if (typed.trim()) {
        pickSkuOnArrival.current = true;
        setQuantity('1');
        focusQuantity();
      }
    }
  };

  const addLine = () => {
    const item = chosenRef.current;
    if (!item) {
      if (pickSkuOnArrival.current) addOnArrival.current = true;
      skuInput.current?.focus();
      return;
    }
    const line: EntryLine = {
      sku: item.sku,
      name: item.name,
      quantity: quantityRef.current.trim(),
      track_stock: item.track_stock,
      stock_on_hand: item.stock_on_hand,
      kind: item.kind,
    };
    change((current) => ({ ...current, lines: [...current.lines, line] }));
    chosenRef.current = null;
    setChosenItem(null);
    setSkuText('');
    setQuantity('1');
    skuInput.current?.focus();
  };

  const setLine = (index: number, line: Partial<EntryLine>) =>
    change((current) => ({ ...current, lines: current.lines.map((old, i) => (i === index ? { ...old, ...line } : old)) }));

  const removeLine = (index: number) =>
    change((current) => ({ ...current, lines: current.lines.filter((_, i) => i !== index) }));

  const reorder = () => {
    if (!lastOrder) return;
    const lines: EntryLine[] = lastOrder.lines.map((line) => ({
      sku: line.item.sku,
      name: line.item.name,
      quantity: String(line.quantity),
      track_stock: false,
      stock_on_hand: 0,
      kind: line.item.kind === 'service' ? 'service' : 'good',
      // A repeat order keeps the window but not the day, which has usually passed.
      ...(line.appointment ? { appointment: { date: '', from: line.appointment.from ?? '', until: line.appointment.until ?? '' } } : {}),
    }));
    change((current) => ({ ...current, lines: [...current.lines, ...lines] }));
    skuInput.current?.focus();
  };

  const switchChannel = (next: Channel) => {
    channelRef.current = next;
    setChannel(next);
    change((current) => ({
      ...current,
      shipping_method: next === 'counter' ? 'pickup' : current.shipping_method === 'pickup' ? 'standard' : current.shipping_method,
      payment: { ...current.payment, type: DEFAULT_PAYMENT[next], card: null },
    }));
  };

  const authorizeCard = async () => {
    if (!quote || !draftRef.current) return;
    setCardProblems([]);
    const amount = quote.totals.amount_due;
    try {
      const authorization = await api<CardAuthorization>('POST', '/card-payments', {
        body: { amount: { minor: amount.minor }, reference: `draft ${draftRef.current.id}` },
        idempotencyKey: `card-${draftRef.current.placement_key}-${amount.minor}`,
      });
      change((current) => ({
        ...current,
        payment: { ...current.payment, card: { brand: authorization.brand, last4: authorization.last4, token: authorization.token } },
      }));
    } catch (error) {
      setCardProblems(problemsOf(error));
    }
  };

  const place = async () => {
    if (placingRef.current || !draftRef.current || closedRef.current) return;
    placingRef.current = true;
    setPlacing(true);
    const placement = draftRef.current;
    const body = orderBody(contentRef.current, channelRef.current);
    try {
      const order = await api<Order>('POST', '/orders', { body, idempotencyKey: placement.placement_key });
      closedRef.current = true;
      dirtyRef.current = false;
      window.clearTimeout(saveTimer.current);
      localStorage.removeItem(storageKey(username));
      if (channelRef.current === 'mail') {
        // The next envelope: same channel and payment type, focus on the caller.
        setBatch((orders) => [order, ...orders]);
        await startDraft('mail', emptyContent('mail', contentRef.current.payment.type));
        callerInput.current?.focus();
      } else {
        setPlaced(order);
        setConfirmation(null);
        window.setTimeout(() => confirmButton.current?.focus(), 0);
      }
    } catch (error) {
      const problems = problemsOf(error);
      setPlaceProblems(problems);
      focusFirstProblem(problems);
    } finally {
      placingRef.current = false;
      setPlacing(false);
    }
  };

  const focusFirstProblem = (problems: FieldProblem[]) => {
    const path = problems[0]?.path ?? '';
    const line = /^lines\[(\d+)\]/.exec(path);
    const appointment = /^lines\[(\d+)\]\.appointment(?:\.(from|until))?/.exec(path);
    if (appointment) document.getElementById(`line-${appointment[1]}-appointment-${appointment[2] ?? 'date'}`)?.focus();
    else if (line) document.getElementById(`line-${line[1]}-quantity`)?.focus();
    else if (path === 'customer_id') callerInput.current?.focus();
    else if (path.startsWith('shipping_method')) methodSelect.current?.focus();
    else if (path.startsWith('payment.tendered')) tenderedInput.current?.focus();
    else if (path.startsWith('payment')) paymentSelect.current?.focus();
    else if (path === 'lines') skuInput.current?.focus();
  };

  const confirm = async () => {
    if (!placed) return;
    const done = await api<Confirmation>('POST', `/orders/${encodeURIComponent(placed.number)}/confirmations`, {
      body: { revision: placed.revision },
      idempotencyKey: `console-confirm-${placed.number}-${placed.revision}`,
    });
    setConfirmation(done);
  };

  const nextOrder = async () => {
    const keepChannel = channelRef.current;
    setPlaced(null);
    setConfirmation(null);
    await startDraft(keepChannel, emptyContent(keepChannel));
    callerInput.current?.focus();
  };

  const park = async () => {
    if (!draftRef.current || closedRef.current) return;
    window.clearTimeout(saveTimer.current);
    while (savingRef.current) await new Promise((resolve) => setTimeout(resolve, 50));
    const current = draftRef.current;
    await api<Draft>('PUT', `/drafts/${current.id}`, {
      body: { revision: current.revision, content: contentRef.current, channel: channelRef.current, parked: true },
    });
    closedRef.current = true;
    await startDraft(channelRef.current, emptyContent(channelRef.current));
    callerInput.current?.focus();
  };

  const showParked = async () => {
    const page = await api<Page<Draft>>('GET', '/drafts?parked=true&limit=20');
    setParkedList(page.entries);
  };
  // The parked list takes the focus once it is on screen: Enter resumes the first entry.
  useEffect(() => {
    if (parkedList) (document.querySelector('#parked-list button') as HTMLElement | null)?.focus();
  }, [parkedList]);

  const resume = async (parked: Draft) => {
    // The entry on screen is parked in its place, unless nothing was typed in it.
    const current = draftRef.current;
    const empty = !contentRef.current.customer && contentRef.current.lines.length === 0;
    if (current && !closedRef.current) {
      window.clearTimeout(saveTimer.current);
      while (savingRef.current) await new Promise((resolve) => setTimeout(resolve, 50));
      const latest = draftRef.current!;
      if (empty) await api('DELETE', `/drafts/${latest.id}`);
      else await api('PUT', `/drafts/${latest.id}`, { body: { revision: latest.revision, content: contentRef.current, parked: true } });
    }
    const full = await api<Draft>('GET', `/drafts/${parked.id}`);
    const unparked = await api<Draft>('PUT', `/drafts/${parked.id}`, { body: { revision: full.revision, content: full.content ?? {}, parked: false } });
    setParkedList(null);
    setPlaced(null);
    resumeDraft(unparked);
    skuInput.current?.focus();
  };

  const chooseSavedShipping = (index: number) => {
    const customer = contentRef.current.customer;
    if (!customer || index >= customer.addresses.length) return;
    change((current) => ({ ...current, shipping: index === current.billing_index ? { kind: 'billing' } : { kind: 'saved', index } }));
    setAddressPicker(false);
  };

  useShortcuts((event) => {
    const key = event.code;
    if (event.ctrlKey && event.key === 'Enter') {
      void place();
      return true;
    }
    if (addressPicker && /^Digit[1-9]$/.test(key) && !event.altKey) {
      chooseSavedShipping(Number(key.slice(5)) - 1);
      return true;
    }
    if (addressPicker && event.key === 'Escape') {
      setAddressPicker(false);
      return true;
    }
    if (!event.altKey || event.ctrlKey) return false;
    switch (key) {
      case 'Digit1': switchChannel('phone'); return true;
      case 'Digit2': switchChannel('counter'); return true;
      case 'Digit3': switchChannel('mail'); return true;
      case 'KeyC': if (contentRef.current.customer) clearCustomer(); else callerInput.current?.focus(); return true;
      case 'KeyN': openNewCustomer(); return true;
      case 'KeyA': if (contentRef.current.customer) setAddressPicker(true); return true;
      case 'KeyB': change((current) => ({ ...current, shipping: current.shipping.kind === 'billing' ? { kind: 'new', address: emptyAddress() } : { kind: 'billing' } })); return true;
      case 'KeyL': skuInput.current?.focus(); return true;
      case 'KeyR': reorder(); return true;
      case 'KeyM': methodSelect.current?.focus(); return true;
      case 'KeyP': paymentSelect.current?.focus(); return true;
      case 'KeyT':
        if (contentRef.current.payment.type === 'card') void authorizeCard();
        else tenderedInput.current?.focus();
        return true;
      case 'KeyX': setExplain((open) => !open); return true;
      case 'KeyK': void inTurn(park); return true;
      case 'KeyG': void inTurn(showParked); return true;
      case 'KeyV': void confirm(); return true;
      case 'KeyI': if (placed) navigate(`/orders/${placed.number}/receipt`); return true;
      case 'KeyH': void inTurn(nextOrder); return true;
      default: return false;
    }
  });

  const problems = placeProblems.length > 0 ? placeProblems : quoteProblems;
  const at = (path: string) => problems.filter((problem) => problem.path === path);
  const under = (prefix: string) => problems.filter((problem) => problem.path === prefix || problem.path.startsWith(`${prefix}.`) || problem.path.startsWith(`${prefix}[`));
  const customer = content.customer;
  const itemName = (name: { it: string; en: string }) => (locale === 'it' ? name.it || name.en : name.en || name.it);

  const shippingCharges = useMemo(() => quote?.shipping, [quote]);

  if (placed) {
    return (
      <section class="placed" aria-labelledby="placed-title">
        <h2 id="placed-title">{t('placed')}: <span id="placed-number">{placed.number}</span></h2>
        <p class="total-line">{t('grandTotal')}: <strong id="placed-total">{formatMoney(placed.totals.grand_total, locale)}</strong>
          {placed.totals.change && <> · {t('changeDue')}: <strong id="placed-change">{formatMoney(placed.totals.change, locale)}</strong></>}
        </p>
        <h3>{t('readBack')}</h3>
        <blockquote id="readback" lang={placed.customer.locale}>{placed.readback}</blockquote>
        {placed.promised_dispatch && <p>{t('promisedDispatch')}: <strong id="placed-promised">{formatDay(placed.promised_dispatch, locale)}</strong></p>}
        <div class="actions">
          {confirmation ? (
            <p id="confirmed" role="status">
              {t('confirmedBy', { by: confirmation.principal, at: formatTime(confirmation.confirmed_at, locale), revision: confirmation.revision })}
            </p>
          ) : (
            <button id="confirm" ref={confirmButton} onClick={() => void confirm()}>{t('customerConfirmed')} <Kbd keys="Alt+V" /></button>
          )}
          <button id="receipt" onClick={() => navigate(`/orders/${placed.number}/receipt`)}>{t('receipt')} <Kbd keys="Alt+I" /></button>
          <button id="next-order" onClick={() => void inTurn(nextOrder)}>{t('nextOrder')} <Kbd keys="Alt+H" /></button>
        </div>
      </section>
    );
  }

  return (
    <form class="entry" aria-label={t('newEntry')} onSubmit={(event) => event.preventDefault()}>
      <div class="entry-head">
        <fieldset class="channel">
          <legend>{t('channel')}</legend>
          {(['phone', 'counter', 'mail'] as Channel[]).map((value, index) => (
            <label>
              <input type="radio" name="channel" id={`channel-${value}`} checked={channel === value} onChange={() => switchChannel(value)} />
              {t(value)} <Kbd keys={`Alt+${index + 1}`} />
            </label>
          ))}
        </fieldset>
        <p class={`save-state ${saveState}`} id="save-state" role="status" data-state={saveState}>
          {t(saveState)}{draft ? ` · #${draft.id}` : ''}
        </p>
        <div class="entry-tools">
          <button type="button" id="park" onClick={() => void inTurn(park)}>{t('park')} <Kbd keys="Alt+K" /></button>
          <button type="button" id="show-parked" onClick={() => void inTurn(showParked)}>{t('parked')} <Kbd keys="Alt+G" /></button>
        </div>
      </div>

      {parkedList && (
        <section id="parked-list" class="parked-list" aria-label={t('parked')}>
          {parkedList.length === 0 && <p>{t('noDrafts')}</p>}
          {parkedList.map((parked) => (
            <button type="button" onClick={() => void inTurn(() => resume(parked))}>
              {t('resume')}: {parked.summary.customer_name || '—'} · {parked.summary.line_count} · {formatInstant(parked.updated_at, locale)}
            </button>
          ))}
          <button type="button" onClick={() => setParkedList(null)}>{t('cancel')}</button>
        </section>
      )}

      {batch.length > 0 && (
        <section class="batch" aria-label={t('batch')} id="batch">
          <h3>{t('batch')} ({batch.length})</h3>
          <ol>
            {batch.map((order) => (
              <li>
                <a href={`/orders/${order.number}`} onClick={(event) => { event.preventDefault(); navigate(`/orders/${order.number}`); }}>{order.number}</a>{' '}
                {order.customer.name} · {formatMoney(order.totals.grand_total, locale)}
              </li>
            ))}
          </ol>
        </section>
      )}

      <section class="step caller" aria-labelledby="caller-label">
        <h3>1. {t('customer')}</h3>
        {customer ? (
          <div class="chosen-customer" id="customer">
            <strong>{customer.company || customer.name}</strong>
            {customer.company && <> · {customer.name}</>} · {customer.phone} · {customer.email}
            <button type="button" onClick={clearCustomer}>{t('change')} <Kbd keys="Alt+C" /></button>
          </div>
        ) : (
          <div class="combo">
            <label id="caller-label" for="caller">{t('caller')} <Kbd keys="Alt+C" /></label>
            <input
              id="caller"
              ref={callerInput}
              role="combobox"
              aria-expanded={callerResults.entries.length > 0}
              aria-controls="caller-results"
              aria-autocomplete="list"
              autocomplete="off"
              value={callerText}
              onInput={(event) => setCallerText(event.currentTarget.value)}
              onKeyDown={onCallerKey}
            />
            {callerResults.entries.length > 0 && (
              <ul id="caller-results" role="listbox" class="suggestions">
                {callerResults.entries.map((found, index) => (
                  <li role="option" aria-selected={index === callerHighlight} class={index === callerHighlight ? 'active' : ''} onMouseDown={(event) => { event.preventDefault(); pickCustomer(found); }}>
                    <strong>{found.company || found.name}</strong> {found.company && found.name} · {found.phone} · {found.email}
                  </li>
                ))}
              </ul>
            )}
            {callerResults.query === callerText && customerQuery(callerText) && callerResults.entries.length === 0 && (
              <p class="hint" id="caller-none">{t('noMatch')}</p>
            )}
            <button type="button" id="new-customer" onClick={openNewCustomer}>{t('newCustomer')} <Kbd keys="Alt+N" /></button>
          </div>
        )}
        <FieldErrors problems={at('customer_id')} id="error-customer" />
        {newCustomer && !customer && (
          <NewCustomerForm
            t={t} locale={locale} value={newCustomer} problems={newCustomerProblems} nameInput={newNameInput}
            onChange={(value) => setNewCustomer({ ...newCustomer, ...value })}
            onSave={saveNewCustomer}
            onCancel={() => { setNewCustomer(null); callerInput.current?.focus(); }}
          />
        )}
      </section>

      {customer && (
        <section class="step addresses" aria-label={t('addresses')}>
          <h3>2. {t('addresses')}</h3>
          <div class="address-grid">
            <label>
              {t('billTo')}
              <select id="bill-to" value={String(content.billing_index)} onChange={(event) => change({ ...content, billing_index: Number(event.currentTarget.value) })}>
                {customer.addresses.map((saved, index) => (
                  <option value={String(index)}>{index + 1}. {saved.label}: {saved.address.line1}, {saved.address.city}</option>
                ))}
              </select>
            </label>
            <FieldErrors problems={under('billing_address')} id="error-billing" />
            {content.shipping_method !== 'pickup' && (
              <div class="ship-to">
                <label>
                  <input type="checkbox" id="ship-to-billing" checked={content.shipping.kind === 'billing'}
                    onChange={(event) => change({ ...content, shipping: event.currentTarget.checked ? { kind: 'billing' } : { kind: 'new', address: emptyAddress() } })} />
                  {t('shipToBilling')} <Kbd keys="Alt+B" />
                </label>
                {content.shipping.kind === 'saved' && (
                  <p id="ship-to">{t('shipTo')}: {customer.addresses[content.shipping.index]?.label}: {customer.addresses[content.shipping.index]?.address.line1}, {customer.addresses[content.shipping.index]?.address.city}</p>
                )}
                {content.shipping.kind === 'new' && (
                  <AddressFields t={t} locale={locale} prefix="ship" value={content.shipping.address} problems={under('shipping_address')} pathPrefix="shipping_address"
                    onChange={(address) => change({ ...contentRef.current, shipping: { kind: 'new', address } })} />
                )}
                <button type="button" id="pick-address" onClick={() => setAddressPicker(true)}>{t('otherAddress')} <Kbd keys="Alt+A" /></button>
                {addressPicker && (
                  <ol id="address-picker" class="address-picker" aria-label={t('otherAddress')}>
                    {customer.addresses.map((saved, index) => (
                      <li><button type="button" onClick={() => chooseSavedShipping(index)}><kbd>{index + 1}</kbd> {saved.label}: {saved.address.line1}, {saved.address.postal_code} {saved.address.city}</button></li>
                    ))}
                  </ol>
                )}
                <FieldErrors problems={content.shipping.kind === 'new' ? [] : under('shipping_address')} id="error-shipping-address" />
              </div>
            )}
          </div>
        </section>
      )}

      <section class="step lines" aria-label={t('lines')}>
        <h3>3. {t('lines')}</h3>
        <table class="lines-table">
          <thead>
            <tr><th>SKU</th><th>{t('name')}</th><th>{t('quantity')}</th><th>{t('unitPrice')}</th><th>{t('amount')}</th><th /></tr>
          </thead>
          <tbody>
            {content.lines.map((line, index) => {
              const priced = quote?.lines[index];
              return (
                <tr id={`line-${index}`}>
                  <td>{line.sku}<FieldErrors problems={at(`lines[${index}].sku`)} id={`error-line-${index}-sku`} /></td>
                  <td>
                    {itemName(line.name)}{line.track_stock && <span class="stock"> · {formatNumber(line.stock_on_hand, locale)} {t('inStock')}</span>}
                    {(line.kind === 'service' || priced?.item.kind === 'service') && (
                      <AppointmentInputs line={line} index={index} t={t} problems={problems}
                        onChange={(appointment) => setLine(index, { kind: 'service', appointment })} />
                    )}
                  </td>
                  <td>
                    <input id={`line-${index}-quantity`} class="quantity" aria-label={`${t('quantity')} ${line.sku}`} inputMode="numeric" value={line.quantity}
                      onInput={(event) => setLine(index, { quantity: event.currentTarget.value })} />
                    <FieldErrors problems={at(`lines[${index}].quantity`)} id={`error-line-${index}-quantity`} />
                  </td>
                  <td class="money">{priced && formatMoney(priced.unit_price, locale)}</td>
                  <td class="money">{priced && formatMoney(priced.amount, locale)}</td>
                  <td><button type="button" aria-label={`${t('remove')} ${line.sku}`} onClick={() => removeLine(index)}>×</button></td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <FieldErrors problems={at('lines')} id="error-lines" />
        <div class="add-line">
          <div class="combo">
            <label for="sku">{t('sku')} <Kbd keys="Alt+L" /></label>
            <input id="sku" ref={skuInput} role="combobox" aria-expanded={skuResults.entries.length > 0} aria-controls="sku-results" aria-autocomplete="list" autocomplete="off"
              value={skuText} onInput={(event) => { setSkuText(event.currentTarget.value); chosenRef.current = null; setChosenItem(null); }} onKeyDown={onSkuKey} />
            {skuResults.entries.length > 0 && (
              <ul id="sku-results" role="listbox" class="suggestions">
                {skuResults.entries.map((item, index) => (
                  <li role="option" aria-selected={index === skuHighlight} class={`${index === skuHighlight ? 'active' : ''} ${item.active ? '' : 'inactive'}`}
                    onMouseDown={(event) => { event.preventDefault(); chooseItem(item); }}>
                    <code>{item.sku}</code> {itemName(item.name)} · {formatMoney(item.unit_price, locale)}
                    {item.track_stock && <span class="stock"> · {formatNumber(item.stock_on_hand, locale)} {t('inStock')}</span>}
                  </li>
                ))}
              </ul>
            )}
          </div>
          <label>
            {t('quantity')}
            <input id="quantity" ref={quantityInput} inputMode="numeric" value={quantityText} onInput={(event) => setQuantity(event.currentTarget.value)}
              onKeyDown={(event) => { if (event.key === 'Enter' && !event.ctrlKey) { event.preventDefault(); addLine(); } }} />
          </label>
          <button type="button" id="add-line" onClick={addLine}>{t('addLine')} <kbd>Enter</kbd></button>
          {chosenItem && <span class="chosen-item">{itemName(chosenItem.name)}{chosenItem.track_stock && ` · ${formatNumber(chosenItem.stock_on_hand, locale)} ${t('inStock')}`}</span>}
        </div>
        {lastOrder && (
          <p class="last-order" id="last-order">
            {t('lastOrder')}: {lastOrder.number} · {formatInstant(lastOrder.placed_at, locale)} · {lastOrder.lines.length} · {formatMoney(lastOrder.totals.grand_total, locale)}{' '}
            <button type="button" id="reorder" onClick={reorder}>{t('reorder')} <Kbd keys="Alt+R" /></button>
          </p>
        )}
      </section>

      <section class="step delivery" aria-label={`${t('shipping')} / ${t('payment')}`}>
        <h3>4. {t('shipping')} · {t('payment')}</h3>
        <div class="delivery-grid">
          <label>
            {t('shipping')} <Kbd keys="Alt+M" />
            <select id="shipping-method" ref={methodSelect} value={content.shipping_method} onChange={(event) => change({ ...content, shipping_method: event.currentTarget.value })}>
              {!methodCodes.includes(content.shipping_method) && <option value={content.shipping_method}>{content.shipping_method}</option>}
              {methodCodes.map((code) => (
                <option value={code}>
                  {code === 'pickup' ? t('pickup') : methods.find((method) => method.code === code)!.name[locale]}
                  {methodCharges[code] ? ` — ${formatMoney(methodCharges[code]!, locale)}` : methodCharges[code] === null ? ' — ✕' : ''}
                </option>
              ))}
            </select>
            {shippingCharges && <span class="charge" id="shipping-charge">{formatMoney(shippingCharges.amount, locale)}{shippingCharges.free && shippingCharges.list_charge.minor > 0 && <s> {formatMoney(shippingCharges.list_charge, locale)}</s>}</span>}
          </label>
          <FieldErrors problems={at('shipping_method')} id="error-shipping-method" />
          <label>
            {t('payment')} <Kbd keys="Alt+P" />
            <select id="payment-type" ref={paymentSelect} value={content.payment.type}
              onChange={(event) => change({ ...content, payment: { ...content.payment, type: event.currentTarget.value as PaymentType, card: null } })}>
              {PAYMENT_TYPES.map((type) => (
                <option value={type}>{t(type)}</option>
              ))}
            </select>
          </label>
          {content.payment.type === 'cash' && (
            <label>
              {t('tendered')} <Kbd keys="Alt+T" />
              <input id="tendered" ref={tenderedInput} inputMode="decimal" value={content.payment.tendered}
                onInput={(event) => change({ ...contentRef.current, payment: { ...contentRef.current.payment, tendered: event.currentTarget.value } })} />
            </label>
          )}
          {content.payment.type === 'card' && (
            <div class="card">
              {content.payment.card ? (
                <p id="card-status">{t('cardAuthorized')}: {content.payment.card.brand} •••• {content.payment.card.last4}</p>
              ) : (
                <button type="button" id="authorize-card" disabled={!quote} onClick={() => void authorizeCard()}>{t('authorizeCard')} <Kbd keys="Alt+T" /></button>
              )}
              <FieldErrors problems={cardProblems} id="error-card" />
            </div>
          )}
          {(content.payment.type === 'cheque' || content.payment.type === 'bank_transfer') && (
            <label>
              {t('reference')}
              <input id="payment-reference" value={content.payment.reference}
                onInput={(event) => change({ ...contentRef.current, payment: { ...contentRef.current.payment, reference: event.currentTarget.value } })} />
            </label>
          )}
          <FieldErrors problems={under('payment')} id="error-payment" />
          <label class="notes">
            {t('notes')}
            <input id="notes" value={content.notes} onInput={(event) => change({ ...contentRef.current, notes: event.currentTarget.value })} />
          </label>
          <FieldErrors problems={at('notes')} id="error-notes" />
        </div>
      </section>

      <section class="step totals" aria-label={t('totals')} aria-live="polite">
        <h3>5. {t('totals')}</h3>
        {quote ? (
          <Totals priced={quote} locale={locale} t={t} explain={explain} />
        ) : (
          <p class="hint">—</p>
        )}
        <button type="button" id="explain" onClick={() => setExplain(!explain)} aria-expanded={explain}>{t('explain')} <Kbd keys="Alt+X" /></button>
      </section>

      <div class="place-bar">
        {problems.length > 0 && (
          <div class="problems" id="problems" role="alert">
            <strong>{t('errors')}:</strong>
            <ul>{problems.map((problem) => <li>{problem.path && <code>{problem.path}</code>} {problem.problem}</li>)}</ul>
          </div>
        )}
        {quote?.promised_dispatch && <span id="quote-promised">{t('promisedDispatch')}: <strong>{formatDay(quote.promised_dispatch, locale)}</strong></span>}
        <button type="button" id="place" class="primary" disabled={placing} onClick={() => void place()}>
          {placing ? t('placing') : t('place')} <Kbd keys="Ctrl+Enter" />
        </button>
      </div>
    </form>
  );
}

export function Totals({ priced, locale, t, explain }: { priced: Priced; locale: Locale; t: Translate; explain: boolean }) {
  const totals = priced.totals;
  return (
    <div class="totals-box">
      <dl class="totals-list">
        <dt>{t('items')}</dt><dd id="total-items">{formatMoney(totals.items, locale)}</dd>
        <dt>{t('shipping')}</dt><dd id="total-shipping">{formatMoney(totals.shipping, locale)}</dd>
        <dt>{t('net')}</dt><dd id="total-net">{formatMoney(totals.net, locale)}</dd>
        <dt>{t('tax')}</dt><dd id="total-tax">{formatMoney(totals.tax, locale)}</dd>
        <dt class="grand">{t('grandTotal')}</dt><dd class="grand" id="total-grand">{formatMoney(totals.grand_total, locale)}</dd>
        {totals.tendered && <><dt>{t('tendered')}</dt><dd id="total-tendered">{formatMoney(totals.tendered, locale)}</dd></>}
        {totals.change && <><dt>{t('changeDue')}</dt><dd id="total-change">{formatMoney(totals.change, locale)}</dd></>}
      </dl>
      <table class="tax-summary" id="tax-summary">
        <caption>{t('taxSummary')}{priced.tax_exempt && ` · ${priced.exemption_reference}`}</caption>
        <thead><tr><th>{t('rate')}</th><th>{t('base')}</th><th>{t('tax')}</th></tr></thead>
        <tbody>
          {priced.tax_summary.map((row) => (
            <tr><td>{row.component} {row.rate.percent}%</td><td class="money">{formatMoney(row.base, locale)}</td><td class="money">{formatMoney(row.tax, locale)}</td></tr>
          ))}
        </tbody>
      </table>
      {explain && (
        <section class="trace" id="pricing-trace" aria-label={t('pricingTrace')}>
          <h4>{t('pricingTrace')}</h4>
          <p>{priced.price_mode} · {t('rounding')}: {priced.rounding.rule}, {priced.rounding.level}</p>
          <table>
            <thead><tr><th>SKU</th><th>{t('quantity')}</th><th>{t('unitPrice')}</th><th>{t('amount')}</th><th>{t('tax')}</th></tr></thead>
            <tbody>
              {priced.lines.map((line) => (
                <tr>
                  <td>{line.item.sku}</td><td>{line.quantity}</td><td class="money">{formatMoney(line.unit_price, locale)}</td><td class="money">{formatMoney(line.amount, locale)}</td>
                  <td>{line.taxes.map((trace) => <div>{trace.component} {trace.rate.percent}% ({trace.category}) × {formatMoney(trace.base, locale)} = {trace.unrounded_minor} ({trace.unrounded_exact}){trace.rounded && ` → ${formatMoney(trace.rounded, locale)}`}</div>)}</td>
                </tr>
              ))}
              <tr>
                <td colSpan={3}>{priced.shipping.method} ({formatNumber(priced.shipping.weight_grams, locale)} g, {priced.shipping.jurisdiction})</td>
                <td class="money">{formatMoney(priced.shipping.amount, locale)}</td>
                <td>{priced.shipping.taxes.map((trace) => <div>{trace.component} {trace.rate.percent}% × {formatMoney(trace.base, locale)} = {trace.unrounded_minor}</div>)}</td>
              </tr>
            </tbody>
          </table>
          <p>{t('taxSummary')}: {priced.tax_summary.map((row) => `${row.component} ${row.rate.percent}%: ${t('unrounded')} ${row.unrounded_minor} → ${formatMoney(row.tax, locale)}`).join(' · ')}</p>
        </section>
      )}
    </div>
  );
}

function AddressFields({ t, locale, prefix, pathPrefix, value, problems, onChange }: {
  t: Translate; locale: Locale; prefix: string; pathPrefix: string; value: Address; problems: FieldProblem[]; onChange: (address: Address) => void;
}) {
  const form = countryForm(value.country);
  const at = (field: string) => problems.filter((problem) => problem.path === `${pathPrefix}.${field}`);
  const input = (field: keyof Address, label: string, pattern?: string) => (
    <label>
      {label}
      <input id={`${prefix}-${field}`} value={value[field]} pattern={pattern} onInput={(event) => onChange({ ...value, [field]: event.currentTarget.value })} />
      <FieldErrors problems={at(field)} id={`error-${prefix}-${field}`} />
    </label>
  );
  return (
    <fieldset class="address-fields">
      <legend>{t('newAddress')}</legend>
      <label>
        {t('country')}
        <select id={`${prefix}-country`} value={value.country} onChange={(event) => onChange({ ...value, country: event.currentTarget.value })}>
          {countries.map((country) => <option value={country.code}>{country.name[locale]}</option>)}
        </select>
        <FieldErrors problems={at('country')} />
      </label>
      {input('name', t('name'))}
      {input('line1', `${t('addresses')} 1`)}
      {input('line2', `${t('addresses')} 2`)}
      {form.postal && input('postal_code', form.postal[locale], form.postalPattern)}
      {input('city', form.city[locale])}
      {form.region && input('region', form.region[locale])}
    </fieldset>
  );
}

function NewCustomerForm({ t, locale, value, problems, nameInput, onChange, onSave, onCancel }: {
  t: Translate; locale: Locale;
  value: { name: string; company: string; phone: string; email: string; address: Address };
  problems: FieldProblem[]; nameInput: { current: HTMLInputElement | null };
  onChange: (value: Partial<{ name: string; company: string; phone: string; email: string; address: Address }>) => void;
  onSave: (event: Event) => void; onCancel: () => void;
}) {
  const at = (path: string) => problems.filter((problem) => problem.path === path);
  const addressProblems = problems
    .filter((problem) => problem.path.startsWith('addresses[0].address.'))
    .map((problem) => ({ ...problem, path: problem.path.replace('addresses[0].address.', 'address.') }));
  const general = problems.filter((problem) => !['name', 'company', 'phone', 'email'].includes(problem.path) && !problem.path.startsWith('addresses[0].address.'));
  return (
    <div class="new-customer" role="group" aria-label={t('newCustomer')} id="new-customer-form"
      onKeyDown={(event) => { if (event.key === 'Enter' && !event.ctrlKey && (event.target as HTMLElement).tagName === 'INPUT') onSave(event); if (event.key === 'Escape') onCancel(); }}>
      <h4>{t('newCustomer')}</h4>
      <label>{t('name')}<input id="new-customer-name" ref={nameInput} value={value.name} onInput={(event) => onChange({ name: event.currentTarget.value })} /></label>
      <FieldErrors problems={at('name')} id="error-new-customer-name" />
      <label>{t('company')}<input id="new-customer-company" value={value.company} onInput={(event) => onChange({ company: event.currentTarget.value })} /></label>
      <label>{t('phone')}<input id="new-customer-phone" type="tel" value={value.phone} onInput={(event) => onChange({ phone: event.currentTarget.value })} /></label>
      <FieldErrors problems={at('phone')} id="error-new-customer-phone" />
      <label>{t('email')}<input id="new-customer-email" value={value.email} onInput={(event) => onChange({ email: event.currentTarget.value })} /></label>
      <FieldErrors problems={at('email')} id="error-new-customer-email" />
      <AddressFields t={t} locale={locale} prefix="new-customer" pathPrefix="address" value={value.address} problems={addressProblems} onChange={(address) => onChange({ address })} />
      <FieldErrors problems={general} />
      <div class="actions">
        <button type="button" id="new-customer-save" onClick={onSave}>{t('save')} <kbd>Enter</kbd></button>
        <button type="button" onClick={onCancel}>{t('cancel')} <kbd>Esc</kbd></button>
      </div>
    </div>
  );
}

// The optional day and window of a service line: shown on service lines only, so the keyboard
// flow over goods lines is unchanged. Each input carries its field's errors.
function AppointmentInputs({ line, index, t, problems, onChange }: {
  line: EntryLine;
  index: number;
  t: Translate;
  problems: FieldProblem[];
  onChange: (appointment: { date: string; from: string; until: string }) => void;
}) {
  const typed = line.appointment ?? { date: '', from: '', until: '' };
  const path = `lines[${index}].appointment`;
  const at = (field: string) => problems.filter((problem) => problem.path === (field ? `${path}.${field}` : path));
  return (
    <div class="appointment" role="group" aria-label={`${t('appointment')} ${line.sku}`}>
      <label>{t('appointmentDate')}{' '}
        <input id={`line-${index}-appointment-date`} type="date" min={today()} value={typed.date}
          onInput={(event) => onChange({ ...typed, date: event.currentTarget.value })} />
      </label>{' '}
      <label>{t('appointmentFrom')}{' '}
        <input id={`line-${index}-appointment-from`} type="time" value={typed.from}
          onInput={(event) => onChange({ ...typed, from: event.currentTarget.value })} />
      </label>{' '}
      <label>{t('appointmentUntil')}{' '}
        <input id={`line-${index}-appointment-until`} type="time" value={typed.until}
          onInput={(event) => onChange({ ...typed, until: event.currentTarget.value })} />
      </label>
      <FieldErrors problems={at('')} id={`error-line-${index}-appointment`} />
      <FieldErrors problems={at('date')} id={`error-line-${index}-appointment-date`} />
      <FieldErrors problems={at('from')} id={`error-line-${index}-appointment-from`} />
      <FieldErrors problems={at('until')} id={`error-line-${index}-appointment-until`} />
    </div>
  );
}
