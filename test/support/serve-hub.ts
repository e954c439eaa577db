import { startHub } from '../../scripts/hub';

/**
 * A second hub for tests that need other data than the demo (a generated data set): on DATABASE_URL, on free ports,
 * without demo data. Prints `{"gatewayUrl": ...}` once ready and stops on SIGTERM.
 */
async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('serve-hub needs DATABASE_URL');
  const hub = await startHub({ databaseUrl, gatewayPort: 0, subgraphPort: () => 0, loadDemoData: false });
  process.stdout.write(`${JSON.stringify({ gatewayUrl: hub.gatewayUrl })}\n`);
  process.on('SIGTERM', () => {
    void hub.stop().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
