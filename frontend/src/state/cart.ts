import { useSyncExternalStore } from 'react';

export interface CartLine {
  productId: string;
  name: string;
  unitPrice: number;
  currency: string;
  quantity: number;
}

const KEY = 'backplane.cart';
export const MAX_QUANTITY = 100;
const listeners = new Set<() => void>();
let lines: CartLine[] = read();

function read(): CartLine[] {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as CartLine[]) : [];
  } catch {
    return [];
  }
}

function write(next: CartLine[]) {
  lines = next;
  try {
    sessionStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    /* storage full or disabled: the cart still works for this page */
  }
  listeners.forEach((l) => l());
}

export const cart = {
  lines: () => lines,
  add(line: Omit<CartLine, 'quantity'>, quantity = 1) {
    const existing = lines.find((l) => l.productId === line.productId);
    write(
      existing
        ? lines.map((l) => (l.productId === line.productId ? { ...l, quantity: Math.min(MAX_QUANTITY, l.quantity + quantity) } : l))
        : [...lines, { ...line, quantity: Math.min(MAX_QUANTITY, quantity) }],
    );
  },
  setQuantity(productId: string, quantity: number) {
    write(quantity <= 0 ? lines.filter((l) => l.productId !== productId)
      : lines.map((l) => (l.productId === productId ? { ...l, quantity: Math.min(MAX_QUANTITY, quantity) } : l)));
  },
  /** Removes a line; returns what `restore` needs to undo it. */
  remove(productId: string): { line: CartLine; index: number } | null {
    const index = lines.findIndex((l) => l.productId === productId);
    if (index < 0) return null;
    const line = lines[index];
    write(lines.filter((l) => l.productId !== productId));
    return { line, index };
  },
  restore({ line, index }: { line: CartLine; index: number }) {
    if (lines.some((l) => l.productId === line.productId)) return;
    write([...lines.slice(0, index), line, ...lines.slice(index)]);
  },
  clear() {
    write([]);
  },
  total: () => lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0),
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export function useCart(): CartLine[] {
  return useSyncExternalStore(cart.subscribe, cart.lines);
}
