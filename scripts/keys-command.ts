import { subgraphDatabaseUrl } from '../platform/database/default-database';
import { KeyStore } from '../platform/access/key-store';
import { isRole, ROLE_SCOPE_KIND, ROLES } from '../platform/access/roles';
import { runActionCommand } from './action-command';

export const KEYS_HELP = `Usage:
  npx nongsan keys create --role <role> --owner <who> [--scope <province code or platform>] [--expires <YYYY-MM-DD> | --days <n>]
  npx nongsan keys list
  npx nongsan keys revoke <key id or key>

Roles: ${ROLES.filter((role) => role !== 'public').map((role) => `${role}${ROLE_SCOPE_KIND[role] === 'none' ? '' : ` (scope: ${ROLE_SCOPE_KIND[role]})`}`).join(', ')}.
The key is printed once; only a hash of it is stored. Give it in the header "authorization: Bearer <key>".
The keys live in the access schema of ACCESS_DATABASE_URL, else DATABASE_URL, else the embedded PostgreSQL.`;

/** `nongsan keys ...`; returns the exit code (0 done, 1 refused, 2 usage). */
export function keysCommand(args: string[]): Promise<number> {
  return runActionCommand(
    {
      name: 'keys',
      help: KEYS_HELP,
      actions: ['create', 'list', 'revoke'],
      options: { role: { type: 'string' }, owner: { type: 'string' }, scope: { type: 'string' }, expires: { type: 'string' }, days: { type: 'string' } },
      open: (url) => KeyStore.open(process.env.ACCESS_DATABASE_URL ?? subgraphDatabaseUrl('access', url)),
      run: async (action, { values, positionals }, store) => {
        if (action === 'create') {
          if (!values.role || !isRole(values.role)) throw new Error(`--role is one of ${ROLES.filter((role) => role !== 'public').join(', ')}.`);
          if (!values.owner) throw new Error('--owner names who the key is for, e.g. --owner "Sở Công Thương Lạng Sơn".');
          const { key, summary } = await store.create({ role: values.role, owner: values.owner, scope: values.scope ?? null, expiresAt: expiry(values) });
          console.log(`Created key ${summary.id}: ${summary.role}${summary.scope ? ` of ${summary.scope}` : ''}, for ${summary.owner}, ` +
            `${summary.expiresAt ? `until ${summary.expiresAt.toISOString().slice(0, 10)}` : 'no expiry'}.`);
          console.log('The key (shown this once, store it now):');
          console.log(key);
        } else if (action === 'list') {
          const keys = await store.list();
          if (!keys.length) console.log('No keys. Create one with npx nongsan keys create --role <role> --owner <who>.');
          for (const key of keys) {
            const state = key.revokedAt ? `revoked ${day(key.revokedAt)}` : key.expiresAt && key.expiresAt <= new Date() ? `expired ${day(key.expiresAt)}` : 'active';
            console.log([key.id, key.role, key.scope ?? '-', key.owner, `created ${day(key.createdAt)}`, key.expiresAt ? `expires ${day(key.expiresAt)}` : 'no expiry', state].join('\t'));
          }
        } else {
          if (positionals.length !== 1) throw new Error('Usage: npx nongsan keys revoke <key id or key>');
          if (!(await store.revoke(positionals[0]))) throw new Error(`No key ${positionals[0]} (see npx nongsan keys list).`);
          console.log(`Revoked key ${positionals[0].replace(/^nsk_([0-9a-f]{12})_.*$/, '$1')}: requests with it are refused from now on.`);
        }
      },
    },
    args,
  );
}

function expiry(values: { expires?: string; days?: string }): Date | null {
  if (values.expires) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.expires) || Number.isNaN(Date.parse(values.expires))) throw new Error(`--expires is a date (YYYY-MM-DD), not "${values.expires}".`);
    return new Date(`${values.expires}T23:59:59Z`);
  }
  if (values.days) {
    const days = Number(values.days);
    if (!Number.isInteger(days) || days <= 0) throw new Error(`--days is a positive whole number, not "${values.days}".`);
    return new Date(Date.now() + days * 86_400_000);
  }
  return null;
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}
