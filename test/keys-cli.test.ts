import { runScript } from './support/commands';
import { hub, post } from './support/hub';

/** `npx nongsan keys` and `npx nongsan sources`, run as an administrator runs them, against the test hub's database. */
const nongsan = (...args: string[]) => runScript('scripts/cli.ts', args, { DATABASE_URL: hub().databaseUrl });
const CONSENTING = 'HH-03980-00001';

describe('npx nongsan keys', () => {
  it('creates a key shown once, which the gateway then accepts for its role and scope; list shows it; revoke ends it', async () => {
    const created = await nongsan('keys', 'create', '--role', 'trade', '--scope', '14', '--owner', 'Sở Công Thương (test)', '--days', '30');
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const lines = created.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Created key [0-9a-f]{12}: trade of 14, for Sở Công Thương \(test\), until \d{4}-\d{2}-\d{2}\.$/);
    const key = lines[lines.length - 1];
    // The secret is base64url, which may itself contain "_": it is everything after the id.
    const [, id, secret] = /^nsk_([0-9a-f]{12})_(.+)$/.exec(key)!;

    const read = await post<{ household: { headName: string } }>(hub().gatewayUrl, `{ household(id: "${CONSENTING}") { headName } }`, {}, { authorization: `Bearer ${key}` });
    expect(read.errors).toBeUndefined();
    expect(read.data?.household.headName).toBeTruthy();

    const listed = await nongsan('keys', 'list');
    expect(listed.stdout).toMatch(new RegExp(`^${id}\\ttrade\\t14\\tSở Công Thương \\(test\\)\\tcreated \\d{4}-\\d{2}-\\d{2}\\texpires \\d{4}-\\d{2}-\\d{2}\\tactive$`, 'm'));
    expect(secret.length).toBeGreaterThanOrEqual(40);
    expect(listed.stdout).not.toContain(secret);

    const revoked = await nongsan('keys', 'revoke', id);
    expect(revoked.code).toBe(0);
    const after = await fetch(hub().gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(after.status).toBe(401);
    expect((await nongsan('keys', 'list')).stdout).toMatch(new RegExp(`^${id}\\t.*\\trevoked \\d{4}-\\d{2}-\\d{2}$`, 'm'));
  });

  it('refuses a key whose scope does not fit its role, or that names no owner, saying what to give', async () => {
    const badScope = await nongsan('keys', 'create', '--role', 'official', '--scope', 'Hà Nội', '--owner', 'x');
    expect(badScope.code).toBe(1);
    expect(badScope.stderr).toMatch(/two-digit province code/);
    const noOwner = await nongsan('keys', 'create', '--role', 'admin');
    expect(noOwner.code).toBe(1);
    expect(noOwner.stderr).toMatch(/--owner/);
    const partner = await nongsan('keys', 'create', '--role', 'partner', '--owner', 'x');
    expect(partner.stderr).toMatch(/needs a platform/);
  });
});

describe('npx nongsan sources', () => {
  it('registers GTINs and locations to a capture source, and refuses one that is another\'s', async () => {
    const claimed = await nongsan('sources', 'claim', 'CLI-SOURCE', '--gtin', '8939922000011', '--location', 'urn:epc:id:sgln:8939922.00001.0');
    expect(claimed.stdout.trim()).toBe('Registered 2 new GTIN(s) and location(s) to source CLI-SOURCE.');
    expect((await nongsan('sources', 'list')).stdout).toContain('CLI-SOURCE\tGTIN\t8939922000011');
    const taken = await nongsan('sources', 'claim', 'OTHER-SOURCE', '--gtin', '8939922000011');
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(/Already registered to another source: GTIN 8939922000011 \(CLI-SOURCE\)/);
  });
});
