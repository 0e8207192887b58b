/* The window's entry point: styles, the API client, and the App. */
import { render } from 'solid-js/web';
import '../resources/fonts/fonts.css';
import './styles/app.css';
import './styles/editor.css';
import './styles/variants.css';
import './styles/entities.css';
import './styles/projects.css';
import { getClient } from './api/index.ts';
import ProjectGate from './projects/ProjectGate.tsx';

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element');
render(() => <ProjectGate client={getClient()} />, root);
