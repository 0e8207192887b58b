/* The window's entry point: styles, the API client, and the App behind the chooser of projects. */
import { render } from 'solid-js/web';
import '../resources/fonts/fonts.css';
import './styles/app.css';
import './styles/editor.css';
import './styles/variants.css';
import './styles/entities.css';
import './styles/layout.css';
import './styles/projects.css';
import './styles/facsimile.css';
import { getClient } from './api/index.ts';
import { adoptCarriedUnsent } from './editor/unsent.ts';
import ProjectGate from './projects/ProjectGate.tsx';

// Edits a tab kept when its server restarted, brought here from the old address.
adoptCarriedUnsent();

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element');
render(() => <ProjectGate client={getClient()} />, root);
