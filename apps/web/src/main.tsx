import { render } from 'preact';
import { App } from './app';
import { initialLanguage, rememberLanguage } from './i18n/i18n';
import { resume } from './session/session';
import './styles.css';

rememberLanguage(initialLanguage());
void resume();
const root = document.getElementById('app');
if (root) render(<App />, root);
