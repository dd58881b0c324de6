import * as RadixDialog from '@radix-ui/react-dialog';
import { useState, type ReactNode } from 'react';
import { Button, type ButtonVariant } from './Button';

/**
 * A confirmation dialog (Radix: focus trap, Escape, focus returns to the trigger). `trigger` is the button that
 * opens it; the action runs on confirm and the dialog closes once it resolves.
 */
export function ConfirmDialog({ trigger, title, children, confirmLabel, cancelLabel = 'Keep it', variant = 'primary', confirmDisabled, onConfirm }: {
  trigger: ReactNode;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  variant?: ButtonVariant;
  confirmDisabled?: boolean;
  onConfirm: () => void | Promise<unknown>;
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
      setOpen(false);
    } finally {
      setBusy(false);
    }
  };
  return (
    <RadixDialog.Root open={open} onOpenChange={setOpen}>
      <RadixDialog.Trigger asChild>{trigger}</RadixDialog.Trigger>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="dialog-overlay" />
        <RadixDialog.Content className="dialog">
          <RadixDialog.Title>{title}</RadixDialog.Title>
          <RadixDialog.Description asChild><div>{children}</div></RadixDialog.Description>
          <div className="actions">
            <RadixDialog.Close asChild><Button>{cancelLabel}</Button></RadixDialog.Close>
            <Button variant={variant} busy={busy} disabled={confirmDisabled} onClick={() => void confirm()}>{confirmLabel}</Button>
          </div>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
