// Story-shaped test files in any order: each step of the story is named once, and a test that
// builds on earlier steps replays them on its own fresh database first.
export function story() {
  const steps: Record<string, () => Promise<void>> = {};
  const replay =
    (...names: string[]) =>
    async () => {
      for (const name of names) await steps[name]!();
    };
  return { steps, replay };
}
