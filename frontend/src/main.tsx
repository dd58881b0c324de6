import { createRoot } from 'react-dom/client';
import { loadConfig } from './config';
import { createUserManager, SILENT_PATH } from './auth/oidc';
import { applyTheme, initialTheme } from './ui/theme';
import { App } from './App';
import './styles.css';

applyTheme(initialTheme());
const root = document.getElementById('root')!;

async function boot() {
  const config = await loadConfig();
  const manager = createUserManager(config);
  if (window.location.pathname === SILENT_PATH) {
    // hidden iframe of a silent renew: hand the result to the parent window, render nothing
    await manager.signinSilentCallback();
    return;
  }
  createRoot(root).render(<App config={config} manager={manager} />);
}

boot().catch((error: unknown) => {
  const p = document.createElement('div');
  p.className = 'problem';
  p.setAttribute('role', 'alert');
  p.textContent = `Backplane could not start: ${error instanceof Error ? error.message : String(error)}`;
  root.replaceChildren(p);
});
