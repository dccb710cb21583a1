// Keyboard shortcuts: one window listener per screen, and the key hints shown on screen.
import { useEffect, useRef } from 'preact/hooks';

// `handler` returns true when it used the key; the event is then consumed, so the browser's
// own use of the combination (Alt+digit switching tabs, say) does not happen.
export function useShortcuts(handler: (event: KeyboardEvent) => boolean): void {
  const current = useRef(handler);
  current.current = handler;
  useEffect(() => {
    const listener = (event: KeyboardEvent) => {
      if (event.repeat && !(event.ctrlKey && event.key === 'Enter')) return;
      if (current.current(event)) {
        event.preventDefault();
        event.stopPropagation();
      }
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}

export function Kbd({ keys }: { keys: string }) {
  return <kbd class="shortcut" aria-hidden="true">{keys}</kbd>;
}

export const SHORTCUTS: { keys: string; it: string; en: string }[] = [
  { keys: 'Alt+1 / Alt+2 / Alt+3', it: 'Canale: telefono / banco / posta', en: 'Channel: phone / counter / mail' },
  { keys: 'Alt+C', it: 'Cliente: cerca (o cambia)', en: 'Caller: look up (or change)' },
  { keys: 'Enter', it: 'Sceglie il primo suggerimento; aggiunge la riga', en: 'Picks the first suggestion; adds the line' },
  { keys: '↓ / ↑', it: 'Suggerimento successivo / precedente', en: 'Next / previous suggestion' },
  { keys: 'Alt+N', it: 'Nuovo cliente; su un ordine: nuovo reclamo', en: 'New customer; on an order: new complaint' },
  { keys: 'Alt+A, 1…9', it: 'Spedisci a un altro indirizzo salvato', en: 'Ship to another saved address' },
  { keys: 'Alt+B', it: "Spedisci all'indirizzo di fatturazione / nuovo indirizzo", en: 'Ship to billing address / new address' },
  { keys: 'Alt+L', it: 'Articolo', en: 'Item (SKU)' },
  { keys: 'Alt+R', it: 'Riordina l’ultimo ordine del cliente', en: "Reorder the customer's last order" },
  { keys: 'Alt+M', it: 'Spedizione', en: 'Shipping method' },
  { keys: 'Alt+P', it: 'Pagamento', en: 'Payment type' },
  { keys: 'Alt+T', it: 'Contanti ricevuti / autorizza carta', en: 'Cash tendered / authorize card' },
  { keys: 'Alt+X', it: 'Spiega il prezzo', en: 'Explain the price' },
  { keys: 'Ctrl+Enter', it: 'Conferma ordine', en: 'Place order' },
  { keys: 'Alt+V', it: 'Il cliente ha confermato', en: 'Customer confirmed' },
  { keys: 'Alt+I', it: 'Ricevuta', en: 'Receipt' },
  { keys: 'Alt+S / Alt+D / Alt+F', it: 'Ricevuta: stampa / PDF / fattura', en: 'Receipt: print / PDF / invoice' },
  { keys: 'Alt+E / Alt+W', it: 'Ricevuta via e-mail: invia di nuovo / a un altro indirizzo', en: 'Receipt e-mail: re-send / to another address' },
  { keys: 'Alt+H', it: 'Nuovo ordine', en: 'New order' },
  { keys: 'Alt+K / Alt+G', it: 'Sospendi / ordini sospesi', en: 'Park / parked orders' },
  { keys: 'Alt+O', it: 'Elenco ordini', en: 'Order list' },
  { keys: 'Alt+Z', it: 'Reclami', en: 'Complaints' },
  { keys: 'Alt+Y', it: 'Lingua', en: 'Language' },
];

// The queue, task and pick-list screens of the departments.
export const FULFILLMENT_SHORTCUTS: { keys: string; it: string; en: string }[] = [
  { keys: 'Alt+Q', it: 'Coda del reparto', en: 'Department queue' },
  { keys: 'Alt+1…9', it: 'Cambia reparto', en: 'Switch department' },
  { keys: '↓ / ↑, Enter', it: 'Sceglie e apre un incarico', en: 'Choose and open a task' },
  { keys: 'Alt+C / Alt+U', it: 'Prendi in carico (rinnova) / rilascia', en: 'Claim (renew) / give back' },
  { keys: 'Alt+K', it: 'Conferma ricezione', en: 'Acknowledge' },
  { keys: 'Alt+L', it: 'Lista di prelievo', en: 'Pick list' },
  { keys: 'Alt+A / Alt+P', it: 'Tutto prelevato / salva prelievo', en: 'All picked / save picks' },
  { keys: 'Alt+S', it: 'Spedisci (corriere, tracciamento); in una lista: stampa', en: 'Ship (carrier, tracking); on a list: print' },
  { keys: 'Alt+D', it: 'Fatto (servizi); in una lista: PDF', en: 'Done (services); on a list: PDF' },
  { keys: 'Alt+B', it: 'Indietro', en: 'Back' },
  { keys: 'Alt+J', it: 'Segnalazioni (supervisore)', en: 'Escalations (supervisor)' },
  { keys: 'Alt+O', it: 'Elenco ordini', en: 'Order list' },
  { keys: 'Alt+Y', it: 'Lingua', en: 'Language' },
];

// The complaints queue, a complaint's case screen and the form that opens one.
export const COMPLAINT_SHORTCUTS: { keys: string; it: string; en: string }[] = [
  { keys: 'Alt+Z', it: 'Coda dei reclami', en: 'Complaints queue' },
  { keys: '↓ / ↑, Enter', it: 'Sceglie e apre un reclamo', en: 'Choose and open a complaint' },
  { keys: 'Alt+N', it: 'Nuovo reclamo (generale; da un ordine: sull’ordine)', en: 'New complaint (general; on an order: about it)' },
  { keys: 'Alt+C / Alt+A', it: 'Commenta / assegna', en: 'Comment / assign' },
  { keys: 'Alt+F', it: 'Inoltra al servizio clienti', en: 'Forward to customer service' },
  { keys: 'Alt+S / Alt+W', it: 'Prendi in lavorazione / attendi il cliente', en: 'Start / await the customer' },
  { keys: 'Alt+R / Alt+X', it: 'Risolvi / respingi', en: 'Resolve / reject' },
  { keys: 'Alt+L / Alt+E', it: 'Chiudi / riapri', en: 'Close / reopen' },
  { keys: 'Ctrl+Enter', it: 'Esegue il passo; apre il reclamo', en: 'Sends the step; opens the complaint' },
  { keys: 'Esc', it: 'Annulla', en: 'Cancel' },
  { keys: 'Alt+B', it: 'Indietro alla coda', en: 'Back to the queue' },
  { keys: 'Alt+O', it: 'Elenco ordini', en: 'Order list' },
  { keys: 'Alt+Y', it: 'Lingua', en: 'Language' },
];
