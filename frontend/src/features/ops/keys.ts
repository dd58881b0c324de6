export const opsKeys = {
  health: ['admin', 'ops', 'health'] as const,
  queues: ['admin', 'ops', 'dlq'] as const,
  messages: (queue: string) => ['admin', 'ops', 'dlq', queue, 'messages'] as const,
};
