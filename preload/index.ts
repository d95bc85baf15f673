// The only preload file that imports electron. It exposes one typed object, `window.portal`,
// and nothing else: no ipcRenderer, no Node. Its methods are the declared channels, one each.
import { contextBridge, ipcRenderer } from 'electron';
import { API_METHODS, ipcChannel, type PortalApi } from './contract/channels';

const portal = Object.fromEntries(
  API_METHODS.map((method) => [method, (input: unknown) => ipcRenderer.invoke(ipcChannel(method), input)]),
) as PortalApi;

contextBridge.exposeInMainWorld('portal', portal);
