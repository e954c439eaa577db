import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../scripts/operations-manifest';

/** `npm run operations:check`, as CI runs it: the manifest must match the operations it is made from. */
describe('the persisted operations check', () => {
  let root: string;
  const query = (name: string, field: string) => `query ${name} { province(code: "20") { ${field} } }\n`;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'manifest-'));
    for (const folder of ['queries', 'test/operations', 'bench/operations']) fs.mkdirSync(path.join(root, folder), { recursive: true });
    fs.mkdirSync(path.join(root, 'schema'));
    fs.writeFileSync(path.join(root, 'queries', 'a.graphql'), query('ProvinceName', 'name'));
    fs.writeFileSync(path.join(root, 'queries', 'b.graphql'), query('ProvinceCode', 'code'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const quietly = <T>(work: () => T): { result: T; errors: string } => {
    const errors: string[] = [];
    const error = jest.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      return { result: work(), errors: errors.join('\n') };
    } finally {
      error.mockRestore();
      log.mockRestore();
    }
  };

  it('passes on a fresh manifest and fails, naming the operations, on a stale or missing one', () => {
    expect(quietly(() => main(['--check'], root)).result).toBe(1);
    expect(quietly(() => main([], root)).result).toBe(0);
    const written = fs.readFileSync(path.join(root, 'schema', 'persisted-operations.json'), 'utf8');
    expect(quietly(() => main(['--check'], root)).result).toBe(0);

    fs.writeFileSync(path.join(root, 'queries', 'a.graphql'), query('ProvinceName', 'name code'));
    fs.rmSync(path.join(root, 'queries', 'b.graphql'));
    const stale = quietly(() => main(['--check'], root));
    expect(stale.result).toBe(1);
    expect(stale.errors).toContain('new or changed: ProvinceName');
    expect(stale.errors).toContain('no longer in the sources: ProvinceCode, ProvinceName');
    // a check never writes
    expect(fs.readFileSync(path.join(root, 'schema', 'persisted-operations.json'), 'utf8')).toBe(written);
  });

  it('finds the repository\'s own manifest up to date', () => {
    const check = quietly(() => main(['--check']));
    expect(check.errors).toBe('');
    expect(check.result).toBe(0);
  });
});
