import { useEffect, useRef, type ReactNode } from 'react';

const APP = 'Backplane';
let navigated = false;

/** Called by the shell on every in-app navigation (not the first page load: there focus stays at the document start). */
export function markNavigation(): void {
  navigated = true;
}

/**
 * A page: one <h1> and the document title. After an in-app navigation the heading takes focus, so screen readers
 * announce the new page and the next Tab continues from there.
 */
export function Page({ title, heading, subtitle, actions, back, children, labelledBy = 'page-title' }: {
  title: string;
  heading?: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
  back?: ReactNode;
  children?: ReactNode;
  labelledBy?: string;
}) {
  const h1 = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · ${APP}`;
  }, [title]);
  useEffect(() => {
    if (navigated) {
      navigated = false;
      h1.current?.focus({ preventScroll: false });
    }
  }, []);
  return (
    <section aria-labelledby={labelledBy}>
      {back && <div className="back">{back}</div>}
      <div className="page-head">
        <div className="titles">
          <h1 id={labelledBy} tabIndex={-1} ref={h1}>{heading ?? title}</h1>
          {subtitle && <p className="subtitle">{subtitle}</p>}
        </div>
        {actions && <div className="row">{actions}</div>}
      </div>
      {children}
    </section>
  );
}
