/** Where a trace opens; small on purpose: the feed and the order page link here without loading the trace page. */
export const tracePath = (correlationId: string) => `/admin/traces/${encodeURIComponent(correlationId)}`;
