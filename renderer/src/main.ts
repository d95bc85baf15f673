import { mount } from 'svelte';
import App from './App.svelte';
import { connectApi } from './lib/api';
import { startRouter } from './lib/router.svelte';
import './styles.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html lacks #app');
startRouter();
mount(App, { target, props: { connected: connectApi() !== null } });
