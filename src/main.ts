// Composition root: configuration, then the app; signals and exit codes live here.
import { startApp, type App } from './app.js';
import { ConfigError, loadConfig } from './config.js';

async function main(): Promise<void> {
  const config = loadConfig();
  let app: App | undefined;
  let requested: number | undefined;
  let stopping = false;
  // An exit asked for while still starting (a signal, or piped input already at its end) waits for
  // the app so that the embedded server and the terminal's draft are cleaned up.
  const exit = (code: number) => {
    requested ??= code;
    if (!app || stopping) return;
    stopping = true;
    void app.stop().finally(() => process.exit(requested));
  };
  process.once('SIGINT', () => exit(0));
  process.once('SIGTERM', () => exit(0));
  app = await startApp(config, { onSurfaceEnd: () => exit(0) });
  if (requested !== undefined) exit(requested);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`Start-up failed: ${(error as Error).message}\n`);
  process.exit(1);
});
