// A command's options as the catalogue declares them: required ones present, whole numbers in range,
// yes/no words, text within its length and its choices. Parsed before any handler runs.
import type { OptionDecl } from './catalogue.js';
import type { OptionValue } from './interaction.js';

export function parseOptions(
  decls: OptionDecl[],
  given: Record<string, OptionValue>,
): { values: Record<string, OptionValue> } | { error: string } {
  const values: Record<string, OptionValue> = {};
  for (const decl of decls) {
    const raw = Object.hasOwn(given, decl.name) ? given[decl.name] : undefined;
    if (raw === undefined || raw === '') {
      if (decl.required) return { error: `please give ${decl.name} (${decl.description}).` };
      continue;
    }
    if (decl.type === 'integer') {
      const n = typeof raw === 'number' ? raw : /^-?\d+$/.test(String(raw).trim()) ? Number(String(raw).trim()) : NaN;
      if (!Number.isSafeInteger(n)) return { error: `${decl.name} should be a whole number.` };
      if ((decl.min !== undefined && n < decl.min) || (decl.max !== undefined && n > decl.max))
        return { error: `${decl.name} should be from ${decl.min} to ${decl.max}.` };
      values[decl.name] = n;
    } else if (decl.type === 'boolean') {
      const word = String(raw).toLowerCase();
      if (!['true', 'false', 'yes', 'no'].includes(word)) return { error: `${decl.name} should be yes or no.` };
      values[decl.name] = word === 'true' || word === 'yes';
    } else {
      const text = String(raw).trim();
      if (text.length > (decl.maxLength ?? 200))
        return { error: `${decl.name} can be at most ${decl.maxLength ?? 200} characters.` };
      if (decl.choices && !decl.choices.some((c) => c.value === text))
        return { error: `${decl.name} should be one of ${decl.choices.map((c) => c.value).join(', ')}.` };
      values[decl.name] = text;
    }
  }
  return { values };
}
