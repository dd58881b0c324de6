import { useInfiniteQuery } from '@tanstack/react-query';
import { useApi } from '../services';
import { call } from '../api/client';
import type { components } from '../api/schema';
import { queryKeys } from '../realtime/pushes';
import { cart } from '../state/cart';
import { money } from '../ui/format';
import { Empty, ProblemView, Spinner } from '../ui/States';
import { useState } from 'react';

type ProductPage = components['schemas']['ProductPage'];

export default function Catalog() {
  const api = useApi();
  const [added, setAdded] = useState<string | null>(null);
  const products = useInfiniteQuery({
    queryKey: queryKeys.products,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      call<ProductPage>(api.GET('/products', { params: { query: { limit: 20, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    getNextPageParam: (last) => last.nextCursor ?? null,
  });

  if (products.isPending) return <Spinner label="Loading products…" />;
  if (products.isError) return <ProblemView error={products.error} onRetry={() => void products.refetch()} />;
  const items = products.data.pages.flatMap((p) => p.items);
  return (
    <section aria-labelledby="catalog-title">
      <h1 id="catalog-title">Shop</h1>
      <p className="sr-only" role="status" aria-live="polite">{added ? `${added} added to cart` : ''}</p>
      {items.length === 0 ? <Empty>No products yet.</Empty> : (
        <ul className="grid products">
          {items.map((p) => (
            <li key={p.id} className="card product" data-product={p.id}>
              <h2>{p.name}</h2>
              {p.description && <p className="muted">{p.description}</p>}
              <p className="price">{money(p.price, p.currency)}</p>
              <p className="muted small">{p.stock > 0 ? `${p.stock} in stock` : 'Out of stock'}</p>
              <button type="button" disabled={p.stock <= 0} aria-label={`Add ${p.name} to cart`}
                onClick={() => { cart.add({ productId: p.id, name: p.name, unitPrice: p.price, currency: p.currency }); setAdded(p.name); }}>
                Add to cart
              </button>
            </li>
          ))}
        </ul>
      )}
      {products.hasNextPage && (
        <button type="button" onClick={() => void products.fetchNextPage()} disabled={products.isFetchingNextPage}>
          {products.isFetchingNextPage ? 'Loading…' : 'More products'}
        </button>
      )}
    </section>
  );
}
