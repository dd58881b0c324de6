import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';

export interface ToastInput {
  message: ReactNode;
  tone?: 'neutral' | 'danger';
  /** e.g. Undo, View cart */
  action?: { label: string; run: () => void };
  durationMs?: number;
}
interface ToastItem extends ToastInput { id: number }

const ToastContext = createContext<(t: ToastInput) => void>(() => {});

/** Short confirmations with an optional action, announced politely; they never take focus. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<ToastItem[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setItems((xs) => xs.filter((x) => x.id !== id)), []);
  const show = useCallback((t: ToastInput) => {
    const id = next.current++;
    setItems((xs) => [...xs.slice(-2), { ...t, id }]);
    setTimeout(() => dismiss(id), t.durationMs ?? (t.action ? 8000 : 4000));
  }, [dismiss]);
  const value = useMemo(() => show, [show]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div role="status" aria-live="polite" data-testid="toasts">
      <ul className="toasts">
        {items.map((t) => (
          <li key={t.id} className={`toast tone-${t.tone ?? 'neutral'}`}>
            <span className="spacer">{t.message}</span>
            {t.action && (
              <button type="button" className="btn-link" onClick={() => { t.action!.run(); dismiss(t.id); }}>{t.action.label}</button>
            )}
            <button type="button" className="btn-link" aria-label="Dismiss" onClick={() => dismiss(t.id)}>×</button>
          </li>
        ))}
      </ul>
      </div>
    </ToastContext.Provider>
  );
}

export const useToast = () => useContext(ToastContext);
