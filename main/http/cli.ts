// `npm run web`: the engine headless, serving the renderer and the API on 127.0.0.1.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { startCore } from '../core';
import { defaultDataDir } from '../paths';
import { ArgsError, parseWebHostArgs, USAGE } from './args';
import { createWebHost } from './server';
import { isRecoverable } from '../store/store-error';

declare const __APP_VERSION__: string;

function main(): void {
  let args;
  try {
    args = parseWebHostArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof ArgsError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  if (args.help) {
    console.log(USAGE);
    return;
  }

  const dataDir = args.dataDir ?? defaultDataDir();
  let core;
  try {
    core = startCore({
      dataDir,
      resourcesDir: join(__dirname, '..', '..', 'resources'),
      mode: 'web',
      loadDemo: args.demo,
      ...(args.keychainName ? { keychainService: args.keychainName } : {}),
      passwordStore: args.passwordStore,
      ...(args.hub ? { hub: { url: args.hub, deskToken: process.env['PORTAL_HUB_DESK_TOKEN'] ?? null } } : {}),
      version: __APP_VERSION__,
      log: (message, detail) => (detail === undefined ? console.log(message) : console.error(message, detail)),
    });
  } catch (error) {
    // The guard's refusals already say where and what to run; others get the folder in front.
    console.error(
      isRecoverable(error) ? error.message : `Cannot open the local store in ${dataDir}: ${(error as Error).message}`,
    );
    process.exit(1);
  }

  const token = randomBytes(24).toString('base64url');
  const server = createWebHost({ router: core.router, rendererDir: join(__dirname, '..', 'renderer'), token });
  server.on('error', (error: NodeJS.ErrnoException) => {
    console.error(
      error.code === 'EADDRINUSE'
        ? `Port ${args.port} is already in use: choose another with --port, or --port 0 for any free one.`
        : `The host could not start: ${error.message}`,
    );
    core.close();
    process.exit(1);
  });
  server.listen(args.port, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    console.log(`B2B Portal is running at http://127.0.0.1:${port}/#token=${token}`);
    console.log(`Data folder: ${dataDir}`);
  });

  const stop = () => {
    server.close();
    server.closeAllConnections();
    core.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main();
