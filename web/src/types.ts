// The JSON shapes of docs/openapi.yaml that the console reads (src/adapters/json/).
import type { Money } from './api';

export interface SessionBody {
  user: { username: string; display_name: string; role: string; locale: string };
  csrf_token: string;
  permissions: string[];
}

export interface Address {
  name: string;
  company: string;
  line1: string;
  line2: string;
  postal_code: string;
  city: string;
  region: string;
  country: string;
}

export interface SavedAddress {
  label: string;
  address: Address;
  default_billing: boolean;
  default_shipping: boolean;
}

export interface Customer {
  id: number;
  name: string;
  company: string;
  tax_id: string;
  email: string;
  phone: string;
  phone_e164: string;
  tax_exempt: boolean;
  exemption_reference: string;
  locale: string;
  addresses: SavedAddress[];
}

export interface Item {
  sku: string;
  name: { it: string; en: string };
  kind: 'good' | 'service';
  unit: string;
  unit_price: Money;
  tax_category: string;
  weight_grams: number;
  active: boolean;
  track_stock: boolean;
  stock_on_hand: number;
  backorder_policy: string;
  category: string; // Product category ("toner"); '' for none.
  location: string; // Storage location ("A-03-2"); '' for none.
}

// A shipping method as configured; what one order pays comes from a quote.
export interface ShippingMethod {
  code: string;
  name: { it: string; en: string };
}

export interface Page<T> {
  entries: T[];
  next_cursor: string | null;
}

export interface TaxRate {
  ppm: number;
  percent: string;
}

export interface TaxTrace {
  component: string;
  category: string;
  rate: TaxRate;
  base: Money;
  unrounded_minor: string;
  unrounded_exact: string;
  rounded?: Money;
}

// When a service is to be done (service lines only): "2026-12-03", "09:00", "12:00".
export interface Appointment {
  date: string;
  from?: string;
  until?: string;
}

export interface PricedLine {
  item: { sku: string; name: { it: string; en: string }; kind: string; unit: string; tax_category: string; weight_grams: number };
  quantity: number;
  unit_price: Money;
  amount: Money;
  jurisdiction: string;
  taxes: TaxTrace[];
  net?: Money;
  tax?: Money;
  backordered?: number;
  appointment?: Appointment;
}

export interface Priced {
  promised_dispatch?: string;  // The quote's and the placed order's promised dispatch day.
  currency: string;
  price_mode: string;
  rounding: { rule: string; level: string };
  lines: PricedLine[];
  shipping: {
    method: string;
    name: { it: string; en: string };
    weight_grams: number;
    list_charge: Money;
    amount: Money;
    free: boolean;
    jurisdiction: string;
    taxes: TaxTrace[];
  };
  tax_exempt: boolean;
  exemption_reference: string;
  tax_summary: { component: string; rate: TaxRate; base: Money; unrounded_minor: string; unrounded_exact: string; tax: Money }[];
  totals: { items: Money; shipping: Money; net: Money; tax: Money; grand_total: Money; amount_due: Money; tendered?: Money; change?: Money };
}

export interface Confirmation {
  revision: number;
  by: string;
  principal: string;
  confirmed_at: string;
}

export interface Order extends Priced {
  number: string;
  revision: number;
  channel: string;
  status: string;
  customer: { id: number; name: string; company: string; tax_id: string; email: string; phone: string; locale: string };
  billing_address: Address;
  shipping_address?: Address;
  payment: { type: string; status: string; reference: string; card?: { brand: string; last4: string } };
  notes: string;
  clerk: string;
  placed_by: string;
  placed_at: string;
  promised_dispatch?: string;
  readback?: string;
  confirmations?: Confirmation[];
  documents?: DocumentSummary[];
}

// An order line as any reader of orders gets it: the delivery view (docs/security.md) has no
// prices, taxes or tax category.
export interface ReadOrderLine {
  item: { sku: string; name: { it: string; en: string }; kind: string; unit: string; weight_grams: number; tax_category?: string; category?: string; location?: string };
  quantity: number;
  backordered?: number;
  appointment?: Appointment;
  unit_price?: Money;
  amount?: Money;
}

// An order as GET /orders answers it: the whole Order for a holder of orders:read_private, the
// delivery view otherwise (the fulfillment role), in which every private field is absent:
// customer e-mail and tax id, billing address, payment details, prices, totals, documents.
export interface ReadOrder extends Partial<Omit<Order, 'number' | 'revision' | 'channel' | 'status' | 'customer' | 'lines' | 'shipping' | 'payment' | 'notes' | 'clerk' | 'placed_by' | 'placed_at'>> {
  number: string;
  revision: number;
  channel: string;
  status: string;
  customer: { id?: number; name: string; company: string; tax_id?: string; email?: string; phone: string; locale: string };
  lines: ReadOrderLine[];
  shipping: { method: string; name: { it: string; en: string }; weight_grams: number; amount?: Money };
  payment: { type: string; status?: string; reference?: string; card?: { brand: string; last4: string }; amount_due?: Money };
  notes: string;
  clerk: string;
  placed_by: string;
  placed_at: string;
}

// Whether `order` is the whole order, prices and customer included.
export function isFullOrder(order: ReadOrder): order is Order {
  return order.totals !== undefined && order.billing_address !== undefined;
}

// A receipt or invoice issued from an order (GET /orders/{number} lists them).
export interface DocumentSummary {
  kind: 'receipt' | 'invoice';
  number: string;
  issued_at: string;
}

// The stored document as GET /orders/{number}/receipt?format=json answers it.
export interface IssuedDocument extends DocumentSummary {
  series: string;
  year: number;
  sequence: number;
  locale: string;
  order: Order;
}

export interface History {
  number: string;
  events: { at: string; actor: string; kind: string; detail: string }[];
}

export interface CardAuthorization {
  token: string;
  brand: string;
  last4: string;
  status: string;
  amount: Money;
  reference: string;
  authorized_at: string;
}

export type Channel = 'phone' | 'counter' | 'mail';
export type PaymentType = 'cash' | 'card' | 'cheque' | 'bank_transfer' | 'on_account' | 'cash_on_delivery';

// What the console keeps in a draft's `content` (stored by the server as sent). Never a card
// number or security code: only what the processor returned (brand, last four, token).
export interface EntryLine {
  sku: string;
  name: { it: string; en: string };
  quantity: string; // As typed: the server validates it.
  track_stock: boolean;
  stock_on_hand: number;
  kind?: 'good' | 'service'; // Absent in drafts saved before services took appointments.
  appointment?: { date: string; from: string; until: string }; // As typed; services only.
}

export interface EntryContent {
  customer: Customer | null;
  billing_index: number; // Into customer.addresses; -1: none.
  shipping: { kind: 'billing' } | { kind: 'saved'; index: number } | { kind: 'new'; address: Address };
  lines: EntryLine[];
  shipping_method: string; // A method code or "pickup".
  payment: {
    type: PaymentType;
    tendered: string; // As typed.
    reference: string;
    card: { brand: string; last4: string; token: string } | null;
  };
  notes: string;
}

export interface Draft {
  id: number;
  revision: number;
  channel: string;
  owner: string;
  parked: boolean;
  placement_key: string;
  content?: Partial<EntryContent>;
  summary: { customer_name: string; line_count: number };
  created_at: string;
  updated_at: string;
}

// Complaints (docs/customer-care.md).
export type ComplaintStatus = 'open' | 'forwarded' | 'in_progress' | 'awaiting_customer' | 'resolved' | 'rejected' | 'closed';
export type ComplaintReason = 'damaged' | 'wrong_item' | 'missing_item' | 'late' | 'not_as_described' | 'billing_error' | 'service' | 'other';
export type ComplaintPriority = 'low' | 'normal' | 'high' | 'urgent';
export type ComplaintChannel = 'phone' | 'counter' | 'mail' | 'email' | 'web' | 'api';

export interface ComplaintLine {
  line_no: number; // The line's 1-based position in the order.
  quantity: number;
  sku?: string; // Answers of one complaint only: the order line's item.
  name?: { it: string; en: string };
  ordered?: number;
}

export interface Complaint {
  number: string;
  revision: number;
  status: ComplaintStatus;
  order_number: string | null;
  lines: ComplaintLine[];
  reason: ComplaintReason;
  channel: ComplaintChannel;
  customer_words: string;
  priority: ComplaintPriority;
  owner: string | null;
  outcome: string | null;
  opened_by: string;
  due_at: string;
  overdue: boolean;
  created_at: string;
  updated_at: string;
}

export interface ComplaintEvent {
  at: string;
  actor: string;
  action: 'opened' | 'commented' | 'assigned' | 'forwarded' | 'started' | 'awaiting_customer' | 'resolved' | 'rejected' | 'closed' | 'reopened';
  from: ComplaintStatus | null;
  to: ComplaintStatus | null;
  note: string | null;
}

export interface ComplaintDetail extends Complaint {
  history: ComplaintEvent[];
}
