// Puts a list of feature declarations on one app: its router (commands, forms, buttons, home,
// holdings), its job registry (kinds and standing series) and its web router (pages).
import type { Router } from '../core/router.js';
import { createJobRegistry, type JobRegistry } from '../jobs/registry.js';
import type { WebRouter } from '../web/index.js';
import type { Feature } from './feature.js';

/** The job kinds and standing series of these features, in a registry of their own. */
export function jobRegistryOf(features: readonly Feature[]): JobRegistry {
  const registry = createJobRegistry();
  for (const feature of features) {
    for (const [kind, def] of Object.entries(feature.jobs ?? {})) registry.register(kind, def);
    for (const series of feature.series ?? []) registry.standing(series);
  }
  return registry;
}

/** Every command, form, button, home section, holding and first-use step of these features, on this router. */
export function installFeatures(router: Router, features: readonly Feature[]): void {
  for (const feature of features) {
    for (const [key, handler] of Object.entries(feature.commands ?? {})) {
      if (typeof handler === 'function') router.command(key, handler);
      else router.opens(key, handler.opens);
    }
    for (const binding of feature.forms ?? []) router.form(binding);
    for (const binding of feature.actions ?? []) router.action(binding);
    for (const { precondition, build } of feature.home ?? []) router.homeSection(precondition, build);
    for (const holding of feature.holdings ?? []) router.holding(holding);
    if (feature.firstUse) router.firstUseStep(feature.firstUse);
  }
}

/** Every feature's web pages, on this app's web router. */
export function installPages(web: WebRouter, features: readonly Feature[]): void {
  for (const feature of features) feature.pages?.(web);
}
