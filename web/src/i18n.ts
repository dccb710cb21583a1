// The console's two languages and the locale formats of numbers, money and dates. Money is
// only ever formatted here, from the server's minor units: the console computes no amounts.

import type { Money } from './api';

export type Locale = 'it' | 'en';

const it = {
  appTitle: 'Commesso — banco ordini',
  signIn: 'Accedi',
  username: 'Nome utente',
  password: 'Password',
  signOut: 'Esci',
  language: 'English',
  newEntry: 'Nuovo ordine',
  orders: 'Ordini',
  parked: 'Sospesi',
  shortcuts: 'Scorciatoie',
  channel: 'Canale',
  phone: 'Telefono',
  counter: 'Banco',
  mail: 'Posta',
  caller: 'Cliente (telefono, e-mail o nome)',
  noMatch: 'Nessun cliente trovato',
  newCustomer: 'Nuovo cliente',
  name: 'Nome',
  company: 'Azienda',
  email: 'E-mail',
  taxId: 'Partita IVA',
  save: 'Salva',
  cancel: 'Annulla',
  change: 'Cambia',
  addresses: 'Indirizzi',
  billTo: 'Fatturazione',
  shipTo: 'Destinazione',
  shipToBilling: "Spedisci all'indirizzo di fatturazione",
  newAddress: 'Nuovo indirizzo',
  otherAddress: 'Altro indirizzo salvato: premi il numero',
  country: 'Paese',
  lines: 'Righe',
  sku: 'Articolo (codice o parole del nome)',
  quantity: 'Quantità',
  addLine: 'Aggiungi',
  remove: 'Togli',
  inStock: 'disponibili',
  unitPrice: 'Prezzo',
  amount: 'Importo',
  lastOrder: 'Ultimo ordine',
  reorder: 'Riordina',
  shipping: 'Spedizione',
  pickup: 'Ritiro al banco',
  payment: 'Pagamento',
  cash: 'Contanti',
  card: 'Carta',
  cheque: 'Assegno',
  bank_transfer: 'Bonifico',
  on_account: 'In conto',
  cash_on_delivery: 'Contrassegno',
  tendered: 'Contanti ricevuti',
  authorizeCard: 'Autorizza sul terminale',
  cardAuthorized: 'Carta autorizzata',
  reference: 'Riferimento (n. assegno, CRO)',
  notes: 'Note',
  totals: 'Totali',
  items: 'Merce',
  net: 'Imponibile',
  tax: 'IVA',
  grandTotal: 'Totale',
  amountDue: 'Da pagare',
  changeDue: 'Resto',
  taxSummary: 'Riepilogo IVA',
  rate: 'Aliquota',
  base: 'Base',
  explain: 'Spiega il prezzo',
  place: 'Conferma ordine',
  placing: 'Invio…',
  placed: 'Ordine registrato',
  readBack: 'Da leggere al cliente',
  customerConfirmed: 'Il cliente ha confermato',
  confirmedBy: 'Confermato da {by} alle {at}, revisione {revision}',
  receipt: 'Ricevuta',
  invoice: 'Fattura',
  documents: 'Documenti',
  issueInvoice: 'Emetti fattura',
  pdf: 'PDF',
  noTaxId: 'Il cliente non ha partita IVA: niente fattura.',
  print: 'Stampa',
  nextOrder: 'Ordine successivo',
  park: 'Sospendi',
  resume: 'Riprendi',
  saved: 'Salvato',
  saving: 'Salvataggio…',
  unsaved: 'Non salvato',
  offline: 'Connessione persa: nuovo tentativo tra {s} s. Nulla di quanto scritto va perso.',
  sessionEnded: 'Sessione scaduta: accedi di nuovo per continuare.',
  batch: 'Lotto posta',
  number: 'Numero',
  customer: 'Cliente',
  date: 'Data',
  from: 'Dal',
  until: 'Al',
  status: 'Stato',
  any: 'Tutti',
  search: 'Cerca',
  more: 'Altri',
  history: 'Cronologia',
  placedAt: 'Registrato il',
  placedBy: 'Registrato da',
  confirmations: 'Conferme',
  total: 'Totale',
  noDrafts: 'Nessun ordine sospeso',
  back: 'Indietro',
  paper80: 'Scontrino 80 mm',
  paperA4: 'Foglio A4',
  backordered: 'in arretrato',
  pricingTrace: 'Calcolo del prezzo',
  rounding: 'Arrotondamento',
  unrounded: 'Non arrotondato',
  errors: 'Da correggere',
  receiptEmails: 'Ricevuta via e-mail',
  noDeliveries: 'Nessun invio ancora',
  stateQueued: 'In coda',
  stateSent: 'Inviata',
  stateFailed: 'Non inviata',
  stateWithdrawn: 'Ritirata',
  cancellationNotice: 'Avviso di annullamento',
  deliveryQueued: 'prossimo tentativo {next} (tentativi: {attempts})',
  deliverySent: 'il {at}; il server ha risposto «{reply}»',
  deliveryFailed: 'motivo: {reason}',
  resend: 'Invia di nuovo',
  sendElsewhere: 'Invia a un altro indirizzo',
  send: 'Invia',
  departments: 'Reparti',
  queue: 'Coda',
  queueHint: '↓/↑ sceglie, Invio apre; Alt+1…9 cambia reparto',
  queueEmpty: 'Niente in coda.',
  order: 'Ordine',
  age: 'In coda da',
  state: 'Stato',
  claimedBy: 'Preso da',
  promisedDispatch: 'Spedizione prevista',
  appointment: 'Appuntamento',
  appointmentDate: 'Giorno',
  appointmentFrom: 'dalle',
  appointmentUntil: 'alle',
  escalated: 'Segnalato',
  release_immediate: 'Rilascio immediato',
  release_waves: 'Rilascio a ondate: {waves}',
  release_cut_off: 'Ordini entro le {cut_off}: ondata delle {release_at} dello stesso giorno lavorativo, poi il giorno lavorativo dopo',
  nextRelease: 'Prossimo rilascio',
  scheduledCount: '{n} in attesa di rilascio',
  meanTimeInQueue: 'Tempo medio in coda',
  meanTimeToDispatch: 'Tempo medio alla spedizione',
  pickList: 'Lista di prelievo',
  task: 'Incarico',
  renewClaim: 'Rinnova presa in carico',
  claim: 'Prendi in carico',
  unclaim: 'Rilascia',
  acknowledge: 'Conferma ricezione',
  acknowledged: 'Ricevuto da',
  releasedAt: 'Rilasciato',
  releaseAt: 'Rilascio previsto',
  leaseUntil: 'fino alle',
  ordered: 'Ordinati',
  shippedQty: 'Spediti',
  backorderedQty: 'In arretrato',
  picked: 'Prelevati',
  pickAll: 'Tutto prelevato',
  savePicks: 'Salva prelievo',
  picksSaved: 'Quantità prelevate salvate.',
  carrier: 'Corriere',
  trackingNumber: 'Numero di tracciamento',
  ship: 'Spedisci',
  shipHint: 'Si spedisce il prelevato; il resto resta in arretrato.',
  shippedNotice: 'Spedizione registrata.',
  markDone: 'Fatto',
  doneNotice: 'Incarico completato.',
  claimedNotice: 'Preso in carico.',
  acknowledgedNotice: 'Ricezione confermata.',
  shipments: 'Spedizioni',
  escalations: 'Segnalazioni',
  noEscalations: 'Nessun incarico segnalato.',
  department: 'Reparto',
  fulfillment: 'Evasione',
  status_placed: 'registrato',
  status_released: 'rilasciato',
  status_in_progress: 'in lavorazione',
  status_partly_shipped: 'spedito in parte',
  status_shipped: 'spedito',
  status_done: 'completato',
  status_cancelled: 'annullato',
  state_scheduled: 'in attesa',
  state_held: 'bloccato',
  state_released: 'in coda',
  state_in_progress: 'in lavorazione',
  state_partly_shipped: 'spedito in parte',
  state_shipped: 'spedito',
  state_done: 'fatto',
  state_cancelled: 'annullato',
  hold_payment: 'Pagamento non ancora ricevuto',
  hold_manual: 'Blocco del supervisore',
  hold_address: 'Indirizzo da verificare',
  lifted: 'sbloccato da',
  liftHold: 'Sblocca',
  reason: 'Motivo',
  holdKind: 'Tipo di blocco',
  placeHold: 'Blocca',
  cancelOrder: "Annulla l'ordine",
};

type Messages = typeof it;
export type MessageKey = keyof Messages;

const en: Messages = {
  appTitle: 'Commesso — order desk',
  signIn: 'Sign in',
  username: 'User name',
  password: 'Password',
  signOut: 'Sign out',
  language: 'Italiano',
  newEntry: 'New order',
  orders: 'Orders',
  parked: 'Parked',
  shortcuts: 'Shortcuts',
  channel: 'Channel',
  phone: 'Phone',
  counter: 'Counter',
  mail: 'Mail',
  caller: 'Caller (phone, e-mail or name)',
  noMatch: 'No customer found',
  newCustomer: 'New customer',
  name: 'Name',
  company: 'Company',
  email: 'E-mail',
  taxId: 'VAT number',
  save: 'Save',
  cancel: 'Cancel',
  change: 'Change',
  addresses: 'Addresses',
  billTo: 'Bill to',
  shipTo: 'Ship to',
  shipToBilling: 'Ship to the billing address',
  newAddress: 'New address',
  otherAddress: 'Another saved address: press its number',
  country: 'Country',
  lines: 'Lines',
  sku: 'Item (SKU or words of the name)',
  quantity: 'Quantity',
  addLine: 'Add',
  remove: 'Remove',
  inStock: 'in stock',
  unitPrice: 'Price',
  amount: 'Amount',
  lastOrder: 'Last order',
  reorder: 'Reorder',
  shipping: 'Shipping',
  pickup: 'Pick-up at the counter',
  payment: 'Payment',
  cash: 'Cash',
  card: 'Card',
  cheque: 'Cheque',
  bank_transfer: 'Bank transfer',
  on_account: 'On account',
  cash_on_delivery: 'Cash on delivery',
  tendered: 'Cash tendered',
  authorizeCard: 'Authorize on the terminal',
  cardAuthorized: 'Card authorized',
  reference: 'Reference (cheque no., transfer id)',
  notes: 'Notes',
  totals: 'Totals',
  items: 'Goods',
  net: 'Net',
  tax: 'Tax',
  grandTotal: 'Total',
  amountDue: 'Amount due',
  changeDue: 'Change',
  taxSummary: 'Tax summary',
  rate: 'Rate',
  base: 'Base',
  explain: 'Explain the price',
  place: 'Place order',
  placing: 'Sending…',
  placed: 'Order placed',
  readBack: 'Read this back to the customer',
  customerConfirmed: 'Customer confirmed',
  confirmedBy: 'Confirmed by {by} at {at}, revision {revision}',
  receipt: 'Receipt',
  invoice: 'Invoice',
  documents: 'Documents',
  issueInvoice: 'Issue invoice',
  pdf: 'PDF',
  noTaxId: 'The customer has no VAT number: no invoice.',
  print: 'Print',
  nextOrder: 'Next order',
  park: 'Park',
  resume: 'Resume',
  saved: 'Saved',
  saving: 'Saving…',
  unsaved: 'Not saved',
  offline: 'Connection lost: retrying in {s} s. Nothing you typed is lost.',
  sessionEnded: 'Your session ended: sign in again to continue.',
  batch: 'Mail batch',
  number: 'Number',
  customer: 'Customer',
  date: 'Date',
  from: 'From',
  until: 'Until',
  status: 'Status',
  any: 'Any',
  search: 'Search',
  more: 'More',
  history: 'History',
  placedAt: 'Placed at',
  placedBy: 'Placed by',
  confirmations: 'Confirmations',
  total: 'Total',
  noDrafts: 'No parked orders',
  back: 'Back',
  paper80: '80 mm receipt',
  paperA4: 'A4 sheet',
  backordered: 'backordered',
  pricingTrace: 'Pricing trace',
  rounding: 'Rounding',
  unrounded: 'Unrounded',
  errors: 'To fix',
  receiptEmails: 'Receipt by e-mail',
  noDeliveries: 'Not sent yet',
  stateQueued: 'Queued',
  stateSent: 'Sent',
  stateFailed: 'Failed',
  stateWithdrawn: 'Withdrawn',
  cancellationNotice: 'Cancellation notice',
  deliveryQueued: 'next attempt {next} (attempts: {attempts})',
  deliverySent: 'at {at}; the server replied "{reply}"',
  deliveryFailed: 'reason: {reason}',
  resend: 'Re-send',
  sendElsewhere: 'Send to another address',
  send: 'Send',
  departments: 'Departments',
  queue: 'Queue',
  queueHint: '↓/↑ choose, Enter opens; Alt+1…9 switch department',
  queueEmpty: 'Nothing in the queue.',
  order: 'Order',
  age: 'Waiting',
  state: 'State',
  claimedBy: 'Claimed by',
  promisedDispatch: 'Promised dispatch',
  appointment: 'Appointment',
  appointmentDate: 'Day',
  appointmentFrom: 'from',
  appointmentUntil: 'until',
  escalated: 'Escalated',
  release_immediate: 'Released at once',
  release_waves: 'Released in waves: {waves}',
  release_cut_off: 'Orders before {cut_off}: the {release_at} wave the same working day, later ones the next working day',
  nextRelease: 'Next release',
  scheduledCount: '{n} waiting for release',
  meanTimeInQueue: 'Mean time in queue',
  meanTimeToDispatch: 'Mean time to dispatch',
  pickList: 'Pick list',
  task: 'Task',
  renewClaim: 'Renew claim',
  claim: 'Claim',
  unclaim: 'Give back',
  acknowledge: 'Acknowledge',
  acknowledged: 'Acknowledged by',
  releasedAt: 'Released',
  releaseAt: 'Release due',
  leaseUntil: 'until',
  ordered: 'Ordered',
  shippedQty: 'Shipped',
  backorderedQty: 'Backordered',
  picked: 'Picked',
  pickAll: 'All picked',
  savePicks: 'Save picks',
  picksSaved: 'Picked quantities saved.',
  carrier: 'Carrier',
  trackingNumber: 'Tracking number',
  ship: 'Ship',
  shipHint: 'What is picked ships; the rest stays backordered.',
  shippedNotice: 'Shipment recorded.',
  markDone: 'Done',
  doneNotice: 'Task completed.',
  claimedNotice: 'Claimed.',
  acknowledgedNotice: 'Acknowledged.',
  shipments: 'Shipments',
  escalations: 'Escalations',
  noEscalations: 'No escalated tasks.',
  department: 'Department',
  fulfillment: 'Fulfillment',
  status_placed: 'placed',
  status_released: 'released',
  status_in_progress: 'in progress',
  status_partly_shipped: 'partly shipped',
  status_shipped: 'shipped',
  status_done: 'done',
  status_cancelled: 'cancelled',
  state_scheduled: 'scheduled',
  state_held: 'held',
  state_released: 'queued',
  state_in_progress: 'in progress',
  state_partly_shipped: 'partly shipped',
  state_shipped: 'shipped',
  state_done: 'done',
  state_cancelled: 'cancelled',
  hold_payment: 'Payment not yet received',
  hold_manual: 'Supervisor hold',
  hold_address: 'Address to check',
  lifted: 'lifted by',
  liftHold: 'Lift',
  reason: 'Reason',
  holdKind: 'Hold kind',
  placeHold: 'Hold',
  cancelOrder: 'Cancel order',
};

const messages: Record<Locale, Messages> = { it, en };

export function translator(locale: Locale) {
  return (key: MessageKey, values: Record<string, string | number> = {}): string =>
    messages[locale][key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

export type Translate = ReturnType<typeof translator>;

const tags: Record<Locale, string> = { it: 'it-IT', en: 'en-GB' };

// "1234.56" from {minor: 123456}: exact decimal text, so no floating point touches money.
function decimalText(minor: number, digits: number): string {
  const negative = minor < 0;
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  const whole = digits === 0 ? text : text.slice(0, -digits);
  const fraction = digits === 0 ? '' : `.${text.slice(-digits)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

export function formatMoney(money: Money | undefined, locale: Locale): string {
  if (!money) return '';
  // Grouping always: CLDR leaves 4-digit Italian amounts ungrouped ("1234,56 €"), while the
  // business's documents (the server's read-back, ICU) write 1.234,56 €; the console agrees.
  const options = { style: 'currency', currency: money.currency, useGrouping: 'always' };
  const format = new Intl.NumberFormat(tags[locale], options as unknown as Intl.NumberFormatOptions);
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  // Intl.NumberFormat formats decimal strings exactly (ECMA-402 NumberFormat v3).
  return format.format(decimalText(money.minor, digits) as unknown as number);
}

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(tags[locale], { useGrouping: 'always' } as unknown as Intl.NumberFormatOptions).format(value);
}

export function formatInstant(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(tags[locale], { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}

export function formatTime(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(tags[locale], { timeStyle: 'short' }).format(new Date(iso));
}

// Minor units from what the clerk typed as an amount ("50", "50,5", "1.234,50", "12.30"),
// by text alone; null when it is not an amount. Parsing input, not computing money.
export function parseAmount(text: string, digits = 2): number | null {
  const cleaned = text.replace(/[\s€$£]/g, '');
  const match = /^(\d{1,3}(?:[.,]\d{3})*|\d+)(?:[.,](\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  const whole = match[1].replace(/[.,]/g, '');
  const fraction = (match[2] ?? '').padEnd(digits, '0');
  return Number(whole + fraction);
}

// "2 h 05 min", "45 min", "30 s": how long something waited.
export function formatDuration(seconds: number | null | undefined, locale: Locale): string {
  if (seconds === null || seconds === undefined) return '—';
  const total = Math.max(0, Math.round(seconds));
  const days = Math.floor(total / 86400);
  const hours = Math.floor((total % 86400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  if (days > 0) return `${days} ${locale === 'it' ? 'g' : 'd'} ${hours} h`;
  if (hours > 0) return `${hours} h ${String(minutes).padStart(2, '0')} min`;
  if (minutes > 0) return `${minutes} min`;
  return `${total} s`;
}

// "lunedì 30 novembre 2026" / "Monday 30 November 2026", from "2026-11-30".
export function formatDay(day: string | null | undefined, locale: Locale): string {
  if (!day) return '—';
  const [year, month, date] = day.split('-').map(Number);
  return new Intl.DateTimeFormat(locale === 'it' ? 'it-IT' : 'en-GB', {
    weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC',
  }).format(new Date(Date.UTC(year, month - 1, date)));
}

// "3 dicembre 2026, 9:00–12:00" / "3 December 2026, 9:00–12:00"; "dalle 9:00" / "from 9:00"
// or "entro le 12:00" / "by 12:00" when one end is open. From a line's appointment.
export function formatAppointment(appointment: { date: string; from?: string; until?: string } | null | undefined, locale: Locale): string {
  if (!appointment) return '';
  const [year, month, date] = appointment.date.split('-').map(Number);
  const day = new Intl.DateTimeFormat(tags[locale], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(Date.UTC(year, month - 1, date)));
  const clock = (time: string) => time.replace(/^0(\d)/, '$1');
  const { from, until } = appointment;
  if (from && until) return `${day}, ${clock(from)}–${clock(until)}`;
  if (from) return `${day}, ${locale === 'it' ? 'dalle' : 'from'} ${clock(from)}`;
  if (until) return `${day}, ${locale === 'it' ? 'entro le' : 'by'} ${clock(until)}`;
  return day;
}
