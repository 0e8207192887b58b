/* The window's entry point: styles, the API client, and the App. */
import { render } from 'solid-js/web';
import '../resources/fonts/fonts.css';
import './styles/app.css';
import './styles/editor.css';
import './styles/variants.css';
import './styles/entities.css';
import './styles/layout.css';
import { getClient } from './api/index.ts';
import App from './components/App.tsx';
import { adoptCarriedUnsent } from './editor/unsent.ts';

// Edits a tab kept when its server restarted, brought here from the old address.
adoptCarriedUnsent();

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element');
render(() => <App client={getClient()} />, root);
