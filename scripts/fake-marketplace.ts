import fs from 'node:fs';
import { startFakeMarketplace } from '../demo/fake-marketplace';
import { generateMarketplaceFeed } from '../demo/marketplace-feed';
import { developmentCredential, parsePlatform } from '../subgraphs/marketplace/ingest/credentials';

/**
 * `npm run fake-marketplace -- [--platform POSTMART] [--port 4459] [--shops 20 | --events <file>]`: a stand-in for a
 * platform's events API with a generated feed, or the events of a file in the webhook's format ({"events": [...]},
 * e.g. subgraphs/marketplace/ingest/samples/voso-su-kien.json), to try the pull connector against
 * (`nongsan pull marketplace`).
 */
async function main(): Promise<void> {
  const platform = parsePlatform(argument('--platform') ?? 'POSTMART');
  if (!platform) throw new Error('--platform must be POSTMART or VOSO');
  const file = argument('--events');
  const events = file
    ? eventsOfFile(file)
    : generateMarketplaceFeed({ shops: Number(argument('--shops') ?? 20), listingsPerShop: 3, ordersPerListing: 10, idPrefix: `fake-${platform.toLowerCase()}` });
  const token = process.env[`MARKETPLACE_${platform}_TOKEN`] ?? developmentCredential(platform, 'token');
  const fake = await startFakeMarketplace({ events, token, port: Number(argument('--port') ?? 4459) });
  console.log(`Fake ${platform} events API with ${events.length} events at ${fake.url}/api/v1/events (bearer token "${token}")`);
  const stop = async () => {
    await fake.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function eventsOfFile(file: string): unknown[] {
  let body: { events?: unknown };
  try {
    body = JSON.parse(fs.readFileSync(file, 'utf8')) as { events?: unknown };
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
  if (!Array.isArray(body.events)) throw new Error(`${file}: expected {"events": [...]}, as the webhook takes them`);
  return body.events;
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
