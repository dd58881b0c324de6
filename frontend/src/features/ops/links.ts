/** Where the operator's console opens; small on purpose: the order page and the feed link here without loading it. */
export const OPERATIONS_PATH = '/admin/operations';

/** The console with the replay form filled in for one subject (`kind:id`), e.g. an order's events. */
export const replayPath = (subject: string) => `${OPERATIONS_PATH}?subject=${encodeURIComponent(subject)}#replay`;
