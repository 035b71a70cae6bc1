import { describe, expect, it } from 'vitest';
import { allCommands, commandFeatures, commandsStartingWith } from './commandList';

describe('the lazy table of CLI commands', () => {
  it('leads every command’s first word to the one feature that defines it', async () => {
    const features = await commandFeatures();
    for (const { words, commands } of features) {
      expect(commands.length).toBeGreaterThan(0);
      for (const command of commands) {
        const first = command.name.split(' ')[0]!;
        expect(words, `"${command.name}" is not reachable through its first word`).toContain(first);
        expect(features.filter((f) => f.words.includes(first))).toHaveLength(1);
      }
    }
  });

  it('names no first word that no command of its feature starts with', async () => {
    for (const { words, commands } of await commandFeatures())
      for (const word of words) expect(commands.map((c) => c.name.split(' ')[0])).toContain(word);
  });

  it('finds nothing for an unknown word and lists every command once for the help', async () => {
    expect(await commandsStartingWith('nonsense')).toEqual([]);
    expect(await commandsStartingWith(undefined)).toEqual([]);
    const names = (await allCommands()).map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('hosts list');
  });
});
