// /home in the terminal: the same sections, from the same declarations, as Slack's App Home (which
// the router builds for both), with their buttons numbered; and a mentor sees their own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.js';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ SURFACES: 'shell', DEMO: 'on' });
});

afterAll(() => app?.close());

/** Types a line and waits until the terminal has printed `until`. */
async function type(line: string, until: string): Promise<string> {
  const before = app.output().length;
  app.input.write(`${line}\n`);
  for (let i = 0; i < 400; i++) {
    const printed = app.output().slice(before);
    if (printed.includes(until)) return printed;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`the terminal did not print "${until}" after ${line}: ${app.output().slice(before)}`);
}

const sectionsOf = async (handle: string) =>
  app.router.home({ platform: 'shell', platformUserId: handle, displayName: handle });

describe('/home in the terminal', () => {
  it("shows a coordinator the sections of Slack's App Home, in order, with their buttons numbered", async () => {
    await type('/as jo', 'You are now jo');
    const sections = await sectionsOf('jo');
    expect(sections.length).toBeGreaterThan(0);
    const last = sections.at(-1)!;
    const printed = await type('/home', last.title ?? last.text);
    expect(printed).toContain('Mentor Support Network: your home');
    const positions = sections.map((s) => printed.indexOf(s.title ?? s.text));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const buttons = sections.flatMap((s) => s.buttons ?? []);
    for (const [i, b] of buttons.entries()) expect(printed).toContain(`[${i + 1}] ${b.label}`);
  });

  it("shows a mentor their own sections and none of a coordinator's", async () => {
    await type('/as sam', 'You are now sam');
    const sections = await sectionsOf('sam');
    const printed = await type('/home', sections.at(-1)!.title ?? sections.at(-1)!.text);
    for (const s of sections) expect(printed).toContain(s.title ?? s.text);
    expect(printed).toContain('Your check-ins');
    expect(printed).not.toContain('Welfare (last 4 weeks)');
  });
});
