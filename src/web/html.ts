// Server-rendered HTML. Every value put into `html` is escaped unless it is already Html, so a
// display name or a code can never become markup. `trustedHtml` is for markup the server made
// itself (an SVG chart rendered server-side), never for anything a person typed.
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

export const escapeHtml = (text: string): string => text.replace(/[&<>"'`]/g, (c) => entities[c]!);

/** A value as HTML: Html stays, arrays are joined, null/undefined/false are nothing, the rest is escaped text. */
function render(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/** html`<p>${name}</p>`: the tagged template every page uses. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  for (const [i, value] of values.entries()) out += render(value) + strings[i + 1]!;
  return new Html(out);
}

/** Markup the server produced itself (charts); never person-typed text. */
export const trustedHtml = (markup: string): Html => new Html(markup);
