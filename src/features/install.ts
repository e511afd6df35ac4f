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
    feature.legacyJobs?.(registry);
  }
  return registry;
}

/** Every command, form, button, home section and holding of these features, on this router. */
export function installFeatures(router: Router, features: readonly Feature[]): void {
  for (const feature of features) {
    for (const [key, handler] of Object.entries(feature.commands ?? {})) {
      if (typeof handler === 'function') router.command(key, handler);
      else router.opens(key, handler.opens);
    }
    for (const { def, onSubmit } of feature.forms ?? []) router.form(def, onSubmit);
    for (const a of feature.actions ?? [])
      router.action(a.id, a.precondition, a.handler, a.value, { urgent: a.urgent });
    for (const { precondition, build } of feature.home ?? []) router.homeSection(precondition, build);
    for (const holding of feature.holdings ?? []) router.holding(holding);
    feature.legacyRouter?.(router);
  }
}

/** Every feature's web pages, on this app's web router. */
export function installPages(web: WebRouter, features: readonly Feature[]): void {
  for (const feature of features) feature.pages?.(web);
}
