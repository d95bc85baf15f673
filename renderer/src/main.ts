import { mount } from 'svelte';
import App from './App.svelte';
import { connectApi } from './lib/api';
import './styles.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html lacks #app');
mount(App, { target, props: { connected: connectApi() !== null } });
