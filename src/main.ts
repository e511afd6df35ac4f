// Composition root: configuration, then the app; signals and exit codes live here.
import { catalogue } from '../commands/index.js';
import { startApp, type App } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { DemoClock } from './core/clock.js';
import { startBackgroundDoctor, type BackgroundDoctor } from './doctor/background.js';
import { demoConfig, isDemo } from './surfaces/shell/demo.js';

async function main(): Promise<void> {
  const loaded = loadConfig();
  const demo = isDemo(loaded);
  const config = demo ? demoConfig(loaded) : loaded;
  let app: App | undefined;
  let doctor: BackgroundDoctor | undefined;
  let requested: number | undefined;
  let stopping = false;
  // An exit asked for while still starting (a signal, or piped input already at its end) waits for
  // the app so that the embedded server and the terminal's draft are cleaned up.
  const exit = (code: number) => {
    requested ??= code;
    if (!app || stopping) return;
    stopping = true;
    doctor?.stop();
    void app.stop().finally(() => process.exit(requested));
  };
  process.once('SIGINT', () => exit(0));
  process.once('SIGTERM', () => exit(0));
  // The demo's clock can be moved forward with /clock; everywhere else time is the system's.
  app = await startApp(config, { onSurfaceEnd: () => exit(0), clock: demo ? new DemoClock() : undefined });
  if (requested !== undefined) return exit(requested);
  // npm run doctor's checks, in the background: warnings in the log, failures for the daily cover check.
  doctor = startBackgroundDoctor(app.deps, catalogue);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`Start-up failed: ${(error as Error).message}\n`);
  process.exit(1);
});
