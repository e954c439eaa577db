/**
 * Imported before @apollo/gateway: the gateway must not call out to the internet, and @apollo/gateway
 * otherwise starts an OpenTelemetry exporter that reports usage data to Apollo.
 */
process.env.APOLLO_TELEMETRY_DISABLED = '1';

export {};
