/**
 * A reference people can read out and compare: "ORD-K3F9-QZ2A" from "ord_<time><random>" (the random tail is what
 * tells orders apart). Other ids are shown shortened the same way.
 */
export function orderRef(id: string): string {
  const tail = id.replace(/^ord_/, '').replace(/[^A-Za-z0-9]/g, '').slice(-8).toUpperCase();
  return tail.length > 4 ? `ORD-${tail.slice(0, 4)}-${tail.slice(4)}` : `ORD-${tail}`;
}

/** "Burr grinder", "Burr grinder and Brew scale", "Burr grinder + 2 more". */
export function itemSummary(lines: { name: string; quantity: number }[]): string {
  if (lines.length === 0) return 'No items';
  const first = lines[0].quantity > 1 ? `${lines[0].quantity} × ${lines[0].name}` : lines[0].name;
  if (lines.length === 1) return first;
  if (lines.length === 2) return `${first} and ${lines[1].name}`;
  return `${first} + ${lines.length - 1} more`;
}
