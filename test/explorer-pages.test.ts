import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { explorerResponse } from '../gateway/explorer';
import { hub } from './support/hub';

const origin = () => new URL(hub().gatewayUrl).origin;

describe('the explorer and dashboard pages as served', () => {
  it.each(['/', '/dashboard'])('%s loads only files of the hub, each served with its type, under a CSP of this origin only', async (page) => {
    const response = await fetch(`${origin()}${page}`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'; script-src 'self';/);
    const html = await response.text();
    const references = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]).filter((reference) => !reference.startsWith('data:'));
    expect(references.length).toBeGreaterThanOrEqual(2);
    for (const reference of references) {
      expect(reference).toMatch(/^\/web\/assets\//);
      const asset = await fetch(`${origin()}${reference}`);
      expect({ reference, status: asset.status }).toEqual({ reference, status: 200 });
      expect(asset.headers.get('content-type')).toMatch(/^(text\/javascript|text\/css)/);
      expect(asset.headers.get('cache-control')).toContain('immutable');
    }
    // The page is told where the graph is; nothing else is configured in it.
    expect(html).toContain('<script type="application/json" id="explorer-config">{"endpoint":"/graphql"');
  });

  it('serves nothing outside the built folder under /web/', async () => {
    for (const attempt of ['/web/%2e%2e/%2e%2e/package.json', '/web/..%2f..%2fpackage.json', '/web/assets/no-such-file.js', '/web/explorer.html']) {
      const response = await fetch(`${origin()}${attempt}`);
      expect({ attempt, status: response.status }).toEqual({ attempt, status: 404 });
    }
  });

  it('says which command builds the pages when dist/web is missing', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'nongsan-web-'));
    try {
      const response = explorerResponse({ endpoint: '/graphql', exampleQuery: '{ provinces { code } }', webRoot: path.join(empty, 'web') });
      expect(response.status).toBe(503);
      expect(String(response.body)).toContain('run npm run build');
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
