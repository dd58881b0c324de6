import { beforeEach, describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import Cart from './Cart';
import { cart } from '../state/cart';
import { renderApp } from '../test/render';

beforeEach(() => {
  cart.clear();
  cart.add({ productId: 'p-grinder', name: 'Burr grinder', unitPrice: 12900, currency: 'EUR' });
  cart.add({ productId: 'p-scale', name: 'Brew scale', unitPrice: 3900, currency: 'EUR' });
});

describe('Cart', () => {
  it('steps quantities and shows unit price, line subtotal and total', async () => {
    renderApp(<Cart />);
    await userEvent.click(screen.getByRole('button', { name: 'Increase quantity of Burr grinder' }));
    expect(cart.lines()[0].quantity).toBe(2);
    expect(screen.getAllByTestId('line-subtotal')[0].textContent).toBe('€258.00');
    expect(screen.getByTestId('cart-total').textContent).toBe('€297.00');
    await userEvent.click(screen.getByRole('button', { name: 'Decrease quantity of Burr grinder' }));
    expect(cart.lines()[0].quantity).toBe(1);
    expect(screen.getByRole('button', { name: 'Decrease quantity of Burr grinder' })).toHaveProperty('disabled', true);
  });

  it('keeps the line when the quantity field is cleared with Backspace', async () => {
    renderApp(<Cart />);
    const field = screen.getByLabelText('Quantity of Burr grinder');
    await userEvent.click(field);
    await userEvent.keyboard('{End}{Backspace}');
    expect(cart.lines()).toHaveLength(2);
    await userEvent.tab();
    expect((field as HTMLInputElement).value).toBe('1');
  });

  it('removes a line with an undo', async () => {
    renderApp(<Cart />);
    await userEvent.click(screen.getByRole('button', { name: 'Remove Burr grinder' }));
    expect(cart.lines().map((l) => l.name)).toEqual(['Brew scale']);
    await userEvent.click(await screen.findByRole('button', { name: 'Undo' }));
    expect(cart.lines().map((l) => l.name)).toEqual(['Burr grinder', 'Brew scale']);
  });

  it('offers a way back to the shop', () => {
    renderApp(<Cart />);
    expect(screen.getByRole('link', { name: '← Continue shopping' }).getAttribute('href')).toBe('/');
  });
});
