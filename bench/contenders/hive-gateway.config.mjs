// Hive Gateway's configuration for the benchmark: its defaults, with each subgraph's URL taken from <NAME>_URL
// (Hive Gateway's `transportEntries` override the locations the supergraph's @join__graph directives carry).
// No Hive token is given, so it reports nothing anywhere.
const urls = Object.entries(process.env)
  .map(([name, value]) => [/^([A-Z]+)_URL$/.exec(name)?.[1]?.toLowerCase(), value])
  .filter(([subgraph, value]) => subgraph && value);

export const gatewayConfig = {
  transportEntries: Object.fromEntries(urls.map(([subgraph, location]) => [subgraph, { location }])),
};
