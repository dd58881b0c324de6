import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { useApi } from '../services';
import { call } from '../api/client';
import type { components } from '../api/schema';
import { queryKeys } from '../realtime/pushes';
import { cart } from '../state/cart';
import { useFormat } from '../ui/intl';
import { Button } from '../ui/Button';
import { Page } from '../ui/Page';
import { ProductImage } from '../ui/ProductImage';
import { EmptyState, QueryState } from '../ui/States';
import { useToast } from '../ui/Toast';

type Product = components['schemas']['Product'];
type ProductPage = components['schemas']['ProductPage'];

export default function Catalog() {
  const api = useApi();
  const products = useInfiniteQuery({
    queryKey: queryKeys.products,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      call<ProductPage>(api.GET('/products', { params: { query: { limit: 20, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    getNextPageParam: (last) => last.nextCursor ?? null,
  });
  return (
    <Page title="Shop" subtitle="Coffee gear, shipped the day you order.">
      <QueryState query={products} label="Loading products…" skeleton="cards">
        {(data) => {
          const items = data.pages.flatMap((p) => p.items);
          return items.length === 0 ? <EmptyState title="No products yet">New products appear here as soon as they are listed.</EmptyState> : (
            <ul className="grid products">
              {items.map((p) => <ProductCard key={p.id} product={p} />)}
            </ul>
          );
        }}
      </QueryState>
      {products.hasNextPage && (
        <div className="actions">
          <Button onClick={() => void products.fetchNextPage()} busy={products.isFetchingNextPage}>
            {products.isFetchingNextPage ? 'Loading…' : 'More products'}
          </Button>
        </div>
      )}
    </Page>
  );
}

function ProductCard({ product: p }: { product: Product }) {
  const fmt = useFormat();
  const toast = useToast();
  const navigate = useNavigate();
  const add = () => {
    cart.add({ productId: p.id, name: p.name, unitPrice: p.price, currency: p.currency });
    const count = cart.lines().find((l) => l.productId === p.id)?.quantity ?? 1;
    toast({ message: <>Added <strong>{p.name}</strong> to your cart{count > 1 ? ` (${count})` : ''}.</>, action: { label: 'View cart', run: () => navigate('/cart') } });
  };
  return (
    <li className="card product" data-product={p.id}>
      <ProductImage id={p.id} name={p.name} />
      <div className="product-body">
        <h2 id={`product-${p.id}`}>{p.name}</h2>
        {p.description && <p className="muted">{p.description}</p>}
        <p className="muted small">{p.stock > 0 ? `${fmt.number(p.stock)} in stock` : 'Out of stock'}</p>
        <div className="buy">
          <span className="price" data-testid="price">{fmt.money(p.price, p.currency)}</span>
          <Button variant="primary" disabled={p.stock <= 0} onClick={add}>
            Add to cart <span className="sr-only">{p.name}</span>
          </Button>
        </div>
      </div>
    </li>
  );
}

export function ContinueShopping() {
  return <Link to="/">Continue shopping</Link>;
}
