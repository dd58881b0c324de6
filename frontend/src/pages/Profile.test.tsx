import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ProfileForm } from './Profile';
import { json, renderApp } from '../test/render';

const validation = {
  type: 'https://backplane.dev/problems/validation-failed', title: 'Validation failed', status: 422,
  detail: '1 invalid field', correlationId: 'corr-1',
  errors: [{ field: 'handle', message: '3-30 characters of a-z, 0-9 and _' }],
};

describe('ProfileForm', () => {
  it('shows a server field error next to its field', async () => {
    renderApp(<ProfileForm me={{ id: 'alice', handle: 'alice', roles: ['user'], email: 'alice@example.com' }} />,
      { fetch: async () => json(422, validation, 'application/problem+json') });
    const handle = screen.getByLabelText('Handle');
    await userEvent.clear(handle);
    await userEvent.type(handle, 'X');
    await userEvent.click(screen.getByRole('button', { name: 'Save profile' }));
    const message = await screen.findByText('3-30 characters of a-z, 0-9 and _');
    expect(handle.getAttribute('aria-invalid')).toBe('true');
    expect(handle.getAttribute('aria-describedby')).toContain(message.id);
  });
});
