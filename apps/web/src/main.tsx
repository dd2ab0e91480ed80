import { render } from 'preact';
import { App } from './app';
import { initialLanguage, rememberLanguage } from './i18n/i18n';
import { resume } from './session/session';
import './styles.css';

rememberLanguage(initialLanguage());
// The offline shell (SPEC §12) once the page has loaded, so its downloads never slow the first
// screen. Service workers exist only in a secure context; elsewhere the app runs without one.
if (isSecureContext && 'serviceWorker' in navigator)
  addEventListener('load', () => void navigator.serviceWorker.register('/sw.js').catch(() => undefined));
void resume();
const root = document.getElementById('app');
if (root) render(<App />, root);
