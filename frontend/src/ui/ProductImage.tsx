/**
 * A generated product picture (no image files to host): a gradient from the product id's hash with the product's
 * initials. Decorative next to the product name, so it has no text alternative.
 */
export function ProductImage({ id, name, className = 'product-image', size }: { id: string; name: string; className?: string; size?: number }) {
  const h = hash(id);
  const hue = h % 360;
  const hue2 = (hue + 40 + (h >> 8) % 60) % 360;
  const initials = name.split(/\s+/).filter((w) => /^[A-Za-z]/.test(w)).slice(0, 2).map((w) => w[0].toUpperCase()).join('');
  const gid = `g-${id.replace(/[^A-Za-z0-9_-]/g, '')}`;
  return (
    <svg className={className} viewBox="0 0 160 120" width={size} height={size ? size : undefined} aria-hidden="true" focusable="false"
      preserveAspectRatio="xMidYMid slice">
      <defs>
        <linearGradient id={gid} x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor={`hsl(${hue} 55% 62%)`} />
          <stop offset="1" stopColor={`hsl(${hue2} 60% 38%)`} />
        </linearGradient>
      </defs>
      <rect width="160" height="120" fill={`url(#${gid})`} />
      <circle cx={120 + (h % 20)} cy={30} r={26 + (h % 12)} fill="#fff" opacity=".14" />
      <text x="80" y="74" textAnchor="middle" fontFamily="system-ui, sans-serif" fontSize="40" fontWeight="700" fill="#fff">{initials}</text>
    </svg>
  );
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}
